package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the server says about itself at {@code GET /}: product and version. Like Logstash's
 * elasticsearch output, we read it once before writing and let it choose the template API and check
 * that data streams are there.
 *
 * @param opensearch true for OpenSearch ({@code version.distribution: opensearch}), whose version
 *     numbers start again at 1
 */
record ServerInfo(boolean opensearch, String version, int major, int minor) {

    static ServerInfo parse(JsonNode root) {
        JsonNode v = root.path("version");
        String number = v.path("number").asText("");
        if (number.isEmpty()) {
            throw new IllegalArgumentException(
                    "the server's answer to GET / has no version.number: " + root);
        }
        String[] parts = number.split("[.-]");
        int major = parseInt(parts[0]);
        int minor = parts.length > 1 ? parseInt(parts[1]) : 0;
        boolean opensearch = "opensearch".equalsIgnoreCase(v.path("distribution").asText(""));
        return new ServerInfo(opensearch, number, major, minor);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The template API {@code template_api => auto} means: composable index templates on
     * Elasticsearch 8 and later (as Logstash's output decides) and on OpenSearch (which has had
     * them since its first version, forked from Elasticsearch 7.10); legacy ones on Elasticsearch
     * 7.
     */
    boolean composableByDefault() {
        return opensearch || major >= 8;
    }

    /** Composable index templates exist from Elasticsearch 7.8 (and in every OpenSearch). */
    boolean hasComposableTemplates() {
        return opensearch || major > 7 || (major == 7 && minor >= 8);
    }

    /** Data streams exist from Elasticsearch 7.9 (and in every OpenSearch). */
    boolean hasDataStreams() {
        return opensearch || major > 7 || (major == 7 && minor >= 9);
    }

    @Override
    public String toString() {
        return (opensearch ? "OpenSearch " : "Elasticsearch ") + version;
    }
}
