package io.logaggregate.io.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch for the {@code *ITCase} tests, one per JVM: the one {@code ES_URL} names,
 * else the one {@code scripts/elasticsearch.sh} left running in {@code target/es}, else one this
 * extension starts with that script and stops when the test run ends.
 */
public final class ElasticsearchServerExtension implements BeforeAllCallback {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = PROJECT.resolve("scripts/elasticsearch.sh");
    private static final Path DIR = PROJECT.resolve("target/es");

    private static String url;
    private static int port;

    /** True when this JVM started the server (and so may stop and restart it). */
    private static boolean managed;

    /** True when the server runs from target/es and the script can stop and restart it. */
    private static boolean scripted;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (ElasticsearchServerExtension.class) {
            if (url != null) {
                return;
            }
            String env = System.getenv("ES_URL");
            if (env != null && !env.isBlank()) {
                url = env.replaceAll("/+$", "");
                return;
            }
            Path portFile = DIR.resolve("es.port");
            if (Files.exists(portFile)) {
                int p = Integer.parseInt(Files.readString(portFile).trim());
                if (healthy("http://127.0.0.1:" + p)) {
                    port = p;
                    url = "http://127.0.0.1:" + p;
                    scripted = true;
                    return;
                }
            }
            start(null);
            managed = true;
            scripted = true;
            // the root store closes its resources when the whole test run ends
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(
                            ElasticsearchServerExtension.class.getName(),
                            (ExtensionContext.Store.CloseableResource)
                                    ElasticsearchServerExtension::stop);
        }
    }

    public static String url() {
        return url;
    }

    /** True when tests may stop and start the server (it runs from target/es). */
    public static boolean restartable() {
        return scripted;
    }

    /** Stops the server (data stays in target/es). */
    public static synchronized void stop() throws IOException, InterruptedException {
        script("stop");
    }

    /** Starts it again on the same port, with its data. */
    public static synchronized void restart() throws IOException, InterruptedException {
        start(port);
    }

    private static void start(Integer onPort) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("start"));
        if (onPort != null) {
            args.add("--port");
            args.add(String.valueOf(onPort));
        }
        script(args.toArray(new String[0]));
        port = Integer.parseInt(Files.readString(DIR.resolve("es.port")).trim());
        url = "http://127.0.0.1:" + port;
    }

    private static void script(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        cmd.add("--dir");
        cmd.add(DIR.toString());
        Files.createDirectories(DIR);
        Path log = DIR.resolve("script.log");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("scripts/elasticsearch.sh " + args[0] + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    "scripts/elasticsearch.sh "
                            + String.join(" ", args)
                            + " failed; its output:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static boolean healthy(String base) {
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(base + "/_cluster/health"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
