package io.logaggregate.io.elasticsearch;

import java.io.IOException;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the index template before the first document is written ({@code manage_template}): left
 * alone when it exists, unless {@code template_overwrite}. Every writer subtask does this (it is
 * idempotent), so none can create an index before its template is there.
 */
final class IndexTemplateInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplateInstaller.class);

    private IndexTemplateInstaller() {}

    static void install(
            RestClient client,
            ElasticsearchOutputConfig.IndexTemplate template,
            Backoff backoff,
            BulkSender.Sleeper sleeper)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                installOnce(client, template);
                return;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status != 429 && status < 500) {
                    // a template Elasticsearch refuses will not be accepted later either
                    throw new IOException(
                            "Elasticsearch refused the index template '"
                                    + template.name()
                                    + "': "
                                    + e.getMessage(),
                            e);
                }
                retryLater(template, e, backoff.delayMillis(attempt), sleeper);
            } catch (IOException e) {
                retryLater(template, e, backoff.delayMillis(attempt), sleeper);
            }
        }
    }

    private static void retryLater(
            ElasticsearchOutputConfig.IndexTemplate template,
            IOException e,
            long wait,
            BulkSender.Sleeper sleeper)
            throws InterruptedException {
        LOG.warn(
                "Cannot install index template '{}' yet ({}); retrying in {} ms",
                template.name(),
                e.toString(),
                wait);
        sleeper.sleep(wait);
    }

    private static void installOnce(
            RestClient client, ElasticsearchOutputConfig.IndexTemplate template)
            throws IOException {
        if (!template.overwrite()) {
            Response head = client.performRequest(new Request("HEAD", template.endpoint()));
            if (head.getStatusLine().getStatusCode() == 200) {
                LOG.info("Index template '{}' exists; not overwriting it", template.name());
                return;
            }
        }
        Request put = new Request("PUT", template.endpoint());
        put.setEntity(new StringEntity(template.json(), ContentType.APPLICATION_JSON));
        client.performRequest(put);
        LOG.info("Installed index template '{}'", template.name());
    }
}
