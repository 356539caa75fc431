package io.logaggregate.io.elasticsearch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch 8.17 ({@link Es8}) or OpenSearch 2.19 ({@link OpenSearch}) with security on,
 * one of each per test run: the one {@code scripts/elasticsearch.sh start --flavour F} left running
 * in {@code target/F} (.ci/run starts them while the build compiles), else one this extension
 * starts with that script and stops when the test run ends.
 *
 * <p>The script makes a CA with keytool on first start and has the server serve HTTPS only, with a
 * certificate that CA signed; the tests trust that CA ({@link Server#caPem()}) and log in as the
 * superuser the script created.
 */
public abstract class SecuredServerExtension implements BeforeAllCallback {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = PROJECT.resolve("scripts/elasticsearch.sh");

    /** A running server: its base URL, superuser and the CA its certificate is signed by. */
    public record Server(String url, String user, String password, Path caPemFile) {
        String caPem() throws IOException {
            return Files.readString(caPemFile, StandardCharsets.US_ASCII);
        }

        String basicAuth() {
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Elasticsearch 8.17.0, TLS and the x-pack security module. */
    public static final class Es8 extends SecuredServerExtension {
        private static Server server;

        public Es8() {
            super("es8");
        }

        public static Server server() {
            return server;
        }

        @Override
        Server get() {
            return server;
        }

        @Override
        void set(Server s) {
            server = s;
        }
    }

    /** OpenSearch 2.19.1 with its security plugin. */
    public static final class OpenSearch extends SecuredServerExtension {
        private static Server server;

        public OpenSearch() {
            super("opensearch");
        }

        public static Server server() {
            return server;
        }

        @Override
        Server get() {
            return server;
        }

        @Override
        void set(Server s) {
            server = s;
        }
    }

    private final String flavour;
    private final Path dir;

    SecuredServerExtension(String flavour) {
        this.flavour = flavour;
        this.dir = PROJECT.resolve("target/" + flavour);
    }

    abstract Server get();

    abstract void set(Server s);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SecuredServerExtension.class) {
            if (get() != null) {
                return;
            }
            Server running = running();
            if (running != null) {
                set(running);
                return;
            }
            // start waits (a lock in the script) if .ci/run is starting the same server
            script("start");
            Server started = running();
            if (started == null) {
                throw new IOException("scripts/elasticsearch.sh did not start " + flavour);
            }
            set(started);
            // the root store closes its resources when the whole test run ends
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(
                            SecuredServerExtension.class.getName() + flavour,
                            (ExtensionContext.Store.CloseableResource) () -> script("stop"));
        }
    }

    /** The server target/F holds, if it answers. */
    private Server running() throws Exception {
        Path urlFile = dir.resolve("es.url");
        if (!Files.exists(urlFile)) {
            return null;
        }
        Server s =
                new Server(
                        Files.readString(urlFile).trim(),
                        Files.readString(dir.resolve("es.user")).trim(),
                        Files.readString(dir.resolve("es.password")).trim(),
                        dir.resolve("certs/ca.pem"));
        return healthy(s) ? s : null;
    }

    private void script(String command) throws IOException, InterruptedException {
        List<String> cmd =
                List.of(
                        "bash",
                        SCRIPT.toString(),
                        command,
                        "--flavour",
                        flavour,
                        "--dir",
                        dir.toString());
        Files.createDirectories(dir);
        Path log = dir.resolve("script.log");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("scripts/elasticsearch.sh " + command + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    "scripts/elasticsearch.sh "
                            + String.join(" ", cmd.subList(2, cmd.size()))
                            + " failed; its output:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** An SSLContext trusting only the server's CA. */
    static SSLContext sslContext(Server s) throws Exception {
        KeyStore trust = ElasticsearchRestClients.trustStore(s.caPem());
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static boolean healthy(Server s) {
        try {
            HttpResponse<String> r =
                    HttpClient.newBuilder()
                            .sslContext(sslContext(s))
                            .build()
                            .send(
                                    HttpRequest.newBuilder(
                                                    java.net.URI.create(
                                                            s.url() + "/_cluster/health"))
                                            .header("Authorization", s.basicAuth())
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
