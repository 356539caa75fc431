package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Json;
import java.io.IOException;
import java.io.InputStream;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** What the tests ask the real server: counts, documents, mappings. */
final class EsTestClient implements AutoCloseable {
    private final RestClient client;

    EsTestClient(String url) {
        this.client = RestClient.builder(HttpHost.create(url)).build();
    }

    /** As the superuser of a server with security on, over TLS trusting its CA. */
    EsTestClient(SecuredServerExtension.Server server) throws Exception {
        SSLContext ssl = SecuredServerExtension.sslContext(server);
        this.client =
                RestClient.builder(HttpHost.create(server.url()))
                        .setDefaultHeaders(
                                new Header[] {new BasicHeader("Authorization", server.basicAuth())})
                        .setHttpClientConfigCallback(hc -> hc.setSSLContext(ssl))
                        .build();
    }

    JsonNode call(String method, String path) throws IOException {
        return call(method, path, null);
    }

    JsonNode call(String method, String path, String body) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        Response response = client.performRequest(r);
        if (response.getEntity() == null) {
            return null;
        }
        try (InputStream in = response.getEntity().getContent()) {
            return Json.mapper().readTree(in);
        }
    }

    /** As {@link #call(String, String, String)}, answering null to a 404 when told to. */
    JsonNode call(String method, String path, String body, boolean ignoreNotFound)
            throws IOException {
        try {
            return call(method, path, body);
        } catch (ResponseException e) {
            if (ignoreNotFound && e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Documents in the index (or pattern), after a refresh; 0 if it does not exist. */
    long count(String index) throws IOException {
        try {
            call("POST", "/" + index + "/_refresh");
            return call("GET", "/" + index + "/_count").path("count").asLong();
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }

    JsonNode source(String index, String id) throws IOException {
        return call("GET", "/" + index + "/_doc/" + id).path("_source");
    }

    /** The mapping type of a top-level field in the index. */
    String fieldType(String index, String field) throws IOException {
        JsonNode m = call("GET", "/" + index + "/_mapping");
        return m.path(index).path("mappings").path("properties").path(field).path("type").asText();
    }

    void deleteIndex(String pattern) throws IOException {
        try {
            call("DELETE", "/" + pattern);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    void deleteTemplate(String name) throws IOException {
        deleteIndex("_template/" + name);
        deleteIndex("_index_template/" + name);
    }

    /** Whether the path exists (HEAD answers 200). */
    boolean exists(String path) throws IOException {
        return client.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode()
                == 200;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
