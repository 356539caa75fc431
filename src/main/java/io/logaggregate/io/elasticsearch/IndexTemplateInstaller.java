package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logaggregate.event.Json;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is done once before the first document is written: ask the server what it is ({@code GET /})
 * and install the index template ({@code manage_template}) with the API that fits it ({@link
 * TemplateApi}): left alone when it exists, unless {@code template_overwrite}. Every writer subtask
 * does this (it is idempotent), so none can create an index before its template is there.
 *
 * <p>Both wait and retry while the server is unreachable or overloaded (429, 5xx); an answer that
 * will not change (a template the server refuses) fails the job with the server's reason.
 */
final class IndexTemplateInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplateInstaller.class);

    private IndexTemplateInstaller() {}

    interface Call<T> {
        T run() throws IOException;
    }

    /**
     * The server's product and version, from {@code GET /}. A server without that endpoint
     * (Elasticsearch 8 without its {@code rest-root} module, as in its integ-test distribution)
     * answers 404 or 405: then the version comes from {@code GET /_nodes/_local} and the product
     * from the {@code X-elastic-product} header Elasticsearch puts on every answer.
     */
    static ServerInfo serverInfo(RestClient client, Backoff backoff, BulkSender.Sleeper sleeper)
            throws IOException, InterruptedException {
        return retrying(
                "ask the server its version (GET /)",
                () -> {
                    JsonNode root;
                    try {
                        root = json(client.performRequest(new Request("GET", "/")));
                    } catch (ResponseException e) {
                        int status = e.getResponse().getStatusLine().getStatusCode();
                        if (status != 404 && status != 405) {
                            throw e;
                        }
                        root = fromNodes(client);
                    }
                    try {
                        return ServerInfo.parse(root);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                },
                backoff,
                sleeper);
    }

    private static JsonNode fromNodes(RestClient client) throws IOException {
        Request nodes = new Request("GET", "/_nodes/_local");
        nodes.addParameter("filter_path", "nodes.*.version");
        Response r = client.performRequest(nodes);
        String version = json(r).path("nodes").elements().next().path("version").asText("");
        boolean elastic = r.getHeader("X-elastic-product") != null;
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode v = root.putObject("version");
        v.put("number", version);
        if (!elastic) {
            v.put("distribution", "unknown");
        }
        return root;
    }

    private static JsonNode json(Response r) throws IOException {
        try (InputStream in = r.getEntity().getContent()) {
            return Json.mapper().readTree(in);
        }
    }

    static void install(
            RestClient client,
            ElasticsearchOutputConfig.IndexTemplate template,
            ServerInfo server,
            Backoff backoff,
            BulkSender.Sleeper sleeper)
            throws IOException, InterruptedException {
        TemplateApi api = TemplateApi.resolve(template, server);
        retrying(
                "install index template '" + template.name() + "'",
                () -> {
                    installOnce(client, template, api, server);
                    return null;
                },
                backoff,
                sleeper);
    }

    private static <T> T retrying(
            String what, Call<T> call, Backoff backoff, BulkSender.Sleeper sleeper)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status != 429 && status < 500 && status != 401 && status != 403) {
                    // a request the server refuses will not be accepted later either
                    throw new IOException("Cannot " + what + ": " + e.getMessage(), e);
                }
                // 401/403: credentials or privileges an operator can fix while we wait
                retryLater(what, e, backoff.delayMillis(attempt), sleeper);
            } catch (IOException e) {
                retryLater(what, e, backoff.delayMillis(attempt), sleeper);
            }
        }
    }

    private static void retryLater(
            String what, IOException e, long wait, BulkSender.Sleeper sleeper)
            throws InterruptedException {
        LOG.warn("Cannot {} yet ({}); retrying in {} ms", what, e.toString(), wait);
        sleeper.sleep(wait);
    }

    private static void installOnce(
            RestClient client,
            ElasticsearchOutputConfig.IndexTemplate template,
            TemplateApi api,
            ServerInfo server)
            throws IOException {
        if (!template.overwrite()) {
            Response head = client.performRequest(new Request("HEAD", api.endpoint()));
            if (head.getStatusLine().getStatusCode() == 200) {
                LOG.info(
                        "Index template '{}' exists ({}); not overwriting it",
                        template.name(),
                        api.endpoint());
                return;
            }
        }
        Request put = new Request("PUT", api.endpoint());
        put.setEntity(new StringEntity(api.body(), ContentType.APPLICATION_JSON));
        client.performRequest(put);
        LOG.info(
                "Installed index template '{}' on {} with {}",
                template.name(),
                server,
                api.composable() ? "the composable API (_index_template)" : "the legacy API");
    }
}
