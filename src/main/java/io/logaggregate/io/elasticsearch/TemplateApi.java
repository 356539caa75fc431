package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logaggregate.event.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Where and in which shape an index template is installed on a given server ({@code template_api}).
 *
 * <ul>
 *   <li>{@code legacy}: {@code PUT _template/NAME} with the file as it is.
 *   <li>{@code composable}: {@code PUT _index_template/NAME} with the file as it is.
 *   <li>{@code auto} (Logstash's default): composable on Elasticsearch 8+ and OpenSearch, legacy on
 *       Elasticsearch 7 ({@link ServerInfo#composableByDefault()}). Where Logstash would then send
 *       a template file of the other kind and have it refused, we fit it to the API: a legacy file
 *       (settings, mappings, aliases at the top, {@code order}) becomes a composable one on 8 (the
 *       same parts under {@code template}, {@code order} as {@code priority}), so one template file
 *       serves 7, 8 and OpenSearch; a composable file (with a {@code template} object) goes to the
 *       composable API on 7.8+ too.
 * </ul>
 */
record TemplateApi(String endpoint, String body) {

    static TemplateApi resolve(ElasticsearchOutputConfig.IndexTemplate t, ServerInfo server) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(t.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // checked on the client already
        }
        boolean composableFile = tree.path("template").isObject();
        boolean composable =
                switch (t.api()) {
                    case "legacy" -> false;
                    case "composable" -> true;
                    default ->
                            server.composableByDefault()
                                    || (composableFile && server.hasComposableTemplates());
                };
        String body = t.json();
        if (composable && t.api().equals("auto") && !composableFile) {
            body = toComposable((ObjectNode) tree).toString();
        }
        return new TemplateApi((composable ? "/_index_template/" : "/_template/") + t.name(), body);
    }

    boolean composable() {
        return endpoint.startsWith("/_index_template/");
    }

    /** A legacy template's parts in the composable shape. */
    static ObjectNode toComposable(ObjectNode legacy) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        JsonNode patterns = legacy.get("index_patterns");
        if (patterns == null && legacy.path("template").isTextual()) {
            // Elasticsearch 5's name for it
            patterns = f.arrayNode().add(legacy.get("template").asText());
        }
        if (patterns != null && patterns.isTextual()) {
            patterns = f.arrayNode().add(patterns.asText());
        }
        if (patterns != null) {
            out.set("index_patterns", patterns instanceof ArrayNode a ? a : patterns);
        }
        if (legacy.has("order")) {
            out.set("priority", legacy.get("order"));
        }
        if (legacy.has("version")) {
            out.set("version", legacy.get("version"));
        }
        ObjectNode template = f.objectNode();
        for (String part : List.of("settings", "mappings", "aliases")) {
            if (legacy.has(part)) {
                template.set(part, legacy.get(part));
            }
        }
        out.set("template", template);
        if (legacy.has("_meta")) {
            out.set("_meta", legacy.get("_meta"));
        }
        return out;
    }
}
