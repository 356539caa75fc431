package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.OutputSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Not a test: documents per second into a local Elasticsearch through our sink (a Flink job,
 * parallelism 1) against the same documents sent straight with {@code _bulk} from one thread, same
 * batch size and the same {@code filter_path}. Both build the events and their JSON; the direct
 * path has no Flink, no checks of the answer, no dead letter. Best of three alternating rounds of
 * each, after a warm-up.
 *
 * <pre>
 * scripts/elasticsearch.sh start
 * mvn -o -q test-compile
 * java -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *     io.logaggregate.io.elasticsearch.ElasticsearchSinkBenchmark [docs] [batch]
 * </pre>
 *
 * ({@code cp.txt} from {@code mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt};
 * {@code ES_URL} overrides target/es/es.port.) With {@code ES_FLAVOUR=es8} or {@code
 * ES_FLAVOUR=opensearch} it measures the server {@code scripts/elasticsearch.sh start --flavour F}
 * started: over HTTPS, as its superuser, trusting target/F/certs/ca.pem. With {@code ES_FLAVOUR=es8
 * ES_AUTH=api_key} both paths authenticate with an API key the superuser creates first (the
 * output's {@code api_key} setting) instead of user and password.
 */
public final class ElasticsearchSinkBenchmark {
    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String flavour = System.getenv("ES_FLAVOUR");
        String url = System.getenv("ES_URL");
        if (flavour != null && !flavour.equals("es7")) {
            Path dir = Path.of("target", flavour);
            server =
                    new SecuredServerExtension.Server(
                            Files.readString(dir.resolve("es.url")).trim(),
                            Files.readString(dir.resolve("es.user")).trim(),
                            Files.readString(dir.resolve("es.password")).trim(),
                            dir.resolve("certs/ca.pem").toAbsolutePath());
            url = server.url();
            if ("api_key".equals(System.getenv("ES_AUTH"))) {
                apiKey = createApiKey(url);
            }
        } else if (url == null) {
            url = "http://127.0.0.1:" + Files.readString(Path.of("target/es/es.port")).trim();
        }
        System.err.printf(
                "Server %s%s, %d documents, batches of %d%n",
                url, apiKey != null ? " (API key)" : "", docs, batch);

        MiniCluster flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(new Configuration())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(1)
                                .withRandomPorts()
                                .build());
        flink.start();
        try (RestClient client = client(url)) {
            // warm-up of both paths (JIT, connections), then the measured runs
            direct(client, docs / 10, batch);
            sink(flink, url, docs / 10, batch);
            // alternate the two, three rounds each: the machine is shared, so take the best
            double directRate = 0;
            double sinkRate = 0;
            for (int round = 1; round <= 3; round++) {
                double d = direct(client, docs, batch);
                double s = sink(flink, url, docs, batch);
                System.err.printf(
                        "round %d: direct %,.0f docs/s, sink %,.0f docs/s%n", round, d, s);
                directRate = Math.max(directRate, d);
                sinkRate = Math.max(sinkRate, s);
            }
            System.out.printf(
                    "direct _bulk: %,.0f docs/s%nour sink:     %,.0f docs/s%nratio sink/direct:"
                            + " %.2f%n",
                    directRate, sinkRate, sinkRate / directRate);
        } finally {
            flink.close();
        }
    }

    /** The secured server measured (ES_FLAVOUR), null for the plain Elasticsearch 7. */
    private static SecuredServerExtension.Server server;

    /** ES_AUTH=api_key: the API key ("id:api_key") both paths use, else null. */
    private static String apiKey;

    private static RestClient client(String url) throws Exception {
        RestClientBuilder b = RestClient.builder(HttpHost.create(url));
        if (server != null) {
            SSLContext ssl = SecuredServerExtension.sslContext(server);
            String auth =
                    apiKey != null
                            ? ElasticsearchRestClients.apiKeyHeader(apiKey)
                            : server.basicAuth();
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", auth)})
                    .setHttpClientConfigCallback(hc -> hc.setSSLContext(ssl));
        }
        return b.build();
    }

    /** A new API key of the superuser, as "id:api_key". */
    private static String createApiKey(String url) throws Exception {
        try (RestClient client = client(url)) {
            Request r = new Request("POST", "/_security/api_key");
            r.setJsonEntity("{\"name\":\"log-aggregate-benchmark\",\"expiration\":\"1d\"}");
            JsonNode key =
                    Json.mapper().readTree(client.performRequest(r).getEntity().getContent());
            return key.path("id").asText() + ":" + key.path("api_key").asText();
        }
    }

    private static void resetIndex(RestClient client, String index) throws Exception {
        try {
            client.performRequest(new Request("DELETE", "/" + index));
        } catch (org.elasticsearch.client.ResponseException e) {
            // not there yet
        }
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity("{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
        client.performRequest(create);
    }

    private static long count(RestClient client, String index) throws Exception {
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        String body =
                new String(
                        client.performRequest(new Request("GET", "/" + index + "/_count"))
                                .getEntity()
                                .getContent()
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** Events made and sent with plain _bulk requests, one after the other. */
    private static double direct(RestClient client, int docs, int batch) throws Exception {
        resetIndex(client, "bench-direct");
        long start = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int inBody = 0;
        for (int i = 0; i < docs; i++) {
            Event e = PostfixEvents.event(i);
            body.write(
                    ("{\"index\":{\"_index\":\"bench-direct\",\"_id\":\""
                                    + e.get("taskid")
                                    + "\"}}\n"
                                    + e.toJson()
                                    + "\n")
                            .getBytes(StandardCharsets.UTF_8));
            if (++inBody == batch || i == docs - 1) {
                Request r = new Request("POST", "/_bulk");
                // the same short answer the sink asks for
                r.addParameter("filter_path", "errors,items.*.status,items.*.error");
                r.setEntity(
                        new ByteArrayEntity(
                                body.toByteArray(), ContentType.create("application/x-ndjson")));
                client.performRequest(r).getEntity().getContent().readAllBytes();
                body.reset();
                inBody = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(count(client, "bench-direct"), docs);
        return docs / seconds;
    }

    /** The same events from a generator source through our sink in a Flink job. */
    private static double sink(MiniCluster flink, String url, int docs, int batch)
            throws Exception {
        try (RestClient client = client(url)) {
            resetIndex(client, "bench-sink");
            List<Object> settings =
                    new ArrayList<>(
                            List.of(
                                    "hosts", List.of(url),
                                    "index", "bench-sink",
                                    "document_id", "%{taskid}",
                                    "flush_size", (long) batch,
                                    "manage_template", "false"));
            if (server != null) {
                settings.addAll(
                        List.of("ssl_certificate_authorities", server.caPemFile().toString()));
                settings.addAll(
                        apiKey != null
                                ? List.of("api_key", apiKey)
                                : List.of("user", server.user(), "password", server.password()));
            }
            OutputSpec out =
                    ElasticsearchOutputs.create(elasticsearch(settings.toArray()), Path.of("."));
            StreamExecutionEnvironment env = new TestStreamEnvironment(flink, 1);
            out.attach(
                    env.fromSource(
                            new DataGeneratorSource<>(
                                    new Generator(), docs, EventTypeInfo.INSTANCE),
                            WatermarkStrategy.noWatermarks(),
                            "postfix events"));
            long start = System.nanoTime();
            env.execute("elasticsearch-benchmark");
            double seconds = (System.nanoTime() - start) / 1e9;
            check(count(client, "bench-sink"), docs);
            return docs / seconds;
        }
    }

    private static void check(long count, int docs) {
        if (count != docs) {
            throw new IllegalStateException("expected " + docs + " documents, found " + count);
        }
    }

    private static final class Generator implements GeneratorFunction<Long, Event> {
        @Override
        public Event map(Long i) {
            return PostfixEvents.event(i);
        }
    }
}
