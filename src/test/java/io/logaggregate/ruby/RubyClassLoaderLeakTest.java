package io.logaggregate.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.util.FlinkUserCodeClassLoaders;
import org.junit.jupiter.api.Test;

/**
 * A job that ran Ruby must not pin its class loader (and so its Metaspace) once Flink releases it:
 * the probe runs JRuby in a child-first user-code class loader of Flink's own making, releases it
 * as our release hook does, and the loader must then be garbage collected.
 */
class RubyClassLoaderLeakTest {

    @Test
    void theUserCodeClassLoaderIsCollectedAfterRelease() throws Exception {
        WeakReference<ClassLoader> loader = runInOwnLoader();
        for (int i = 0; i < 20 && loader.get() != null; i++) {
            System.gc();
            List<byte[]> pressure = new ArrayList<>();
            for (int j = 0; j < 16; j++) {
                pressure.add(new byte[1 << 20]);
            }
            pressure.clear();
            Thread.sleep(100);
        }
        assertThat(loader.get()).as("the job's class loader was collected").isNull();
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader> runInOwnLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry :
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            // our classes and the libraries the job jar bundles; Flink stays with the parent
            if (entry.contains("jruby-complete")
                    || entry.endsWith("classes")
                    || entry.endsWith("test-classes")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        URLClassLoader job =
                FlinkUserCodeClassLoaders.childFirst(
                        urls.toArray(URL[]::new),
                        RubyClassLoaderLeakTest.class.getClassLoader(),
                        CoreOptions.getParentFirstLoaderPatterns(new Configuration()),
                        t -> {},
                        false);
        Class<?> probe = Class.forName(RubyLeakProbe.class.getName(), true, job);
        assertThat(probe.getClassLoader()).isSameAs(job);
        Supplier<String> p = (Supplier<String>) probe.getDeclaredConstructor().newInstance();
        assertThat(p.get()).isEqualTo("ok");
        job.close();
        return new WeakReference<>(probe.getClassLoader());
    }
}
