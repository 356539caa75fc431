package io.logaggregate.io.elasticsearch;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the elasticsearch output needs at run time, checked on the client. Files named in the
 * pipeline (index template, CA certificates) are read on the client and travel here as text, so
 * TaskManagers need no access to them.
 *
 * @param hosts base URLs, {@code scheme://host:port} without a path
 * @param pathPrefix path every request is sent under ({@code path} or a path in the host URLs),
 *     null for none
 * @param index index name, sprintf template
 * @param documentId document id, sprintf template, null for ids chosen by Elasticsearch
 * @param action index, create, update, delete, or a sprintf template resolving to one of them
 * @param caCertificatesPem PEM text of the CA certificates to trust, null for the JDK's
 * @param deadLetterPath absolute path template of the dead-letter files; {@code %{+...}} dates are
 *     the time of the rejection
 * @param dataStream where and how events go when writing to a data stream, null when not
 */
record ElasticsearchOutputConfig(
        String pluginId,
        List<String> hosts,
        String pathPrefix,
        String index,
        String documentId,
        String routing,
        String pipeline,
        String action,
        boolean docAsUpsert,
        int retryOnConflict,
        String user,
        String password,
        String apiKey,
        String caCertificatesPem,
        boolean verifyCertificates,
        int timeoutMillis,
        int flushActions,
        long flushBytes,
        long idleFlushMillis,
        long retryInitialMillis,
        long retryMaxMillis,
        IndexTemplate template,
        String deadLetterPath,
        DataStream dataStream)
        implements Serializable {

    /**
     * An index template to install before the first document ({@code manage_template}).
     *
     * @param api {@code template_api}: auto, legacy or composable; auto picks by the server's
     *     version ({@link TemplateApi})
     */
    record IndexTemplate(String name, String json, String api, boolean overwrite)
            implements Serializable {}

    /**
     * Logstash's {@code data_stream => true}: every event is a {@code create} into the data stream
     * {@code type-dataset-namespace}.
     *
     * @param autoRouting take type, dataset and namespace from the event's {@code [data_stream]}
     *     fields where it has them
     * @param syncFields fill in the document's {@code [data_stream]} fields with the ones used
     */
    record DataStream(
            String type, String dataset, String namespace, boolean autoRouting, boolean syncFields)
            implements Serializable {
        String defaultName() {
            return type + "-" + dataset + "-" + namespace;
        }
    }

    /** Keeps secrets out of logs and exception messages. */
    @Override
    public String toString() {
        return "ElasticsearchOutputConfig{hosts="
                + hosts
                + ", index="
                + index
                + ", action="
                + action
                + (dataStream != null ? ", dataStream=" + dataStream.defaultName() : "")
                + ", documentId="
                + documentId
                + ", user="
                + user
                + (password != null ? ", password=<secret>" : "")
                + (apiKey != null ? ", api_key=<secret>" : "")
                + "}";
    }
}
