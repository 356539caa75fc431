package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Json;
import io.logaggregate.event.Sprintf;
import io.logaggregate.io.ByteSizes;
import io.logaggregate.io.OutputSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code elasticsearch} output: reads a plugin block with the setting names of Logstash's
 * elasticsearch output and builds its sink.
 *
 * <p>The settings are declared once, in {@link #SPEC}: Logstash's names and defaults, its older
 * names ({@code ssl}, {@code cacert}, {@code ssl_certificate_verification}) and its older bulk
 * settings {@code flush_size} and {@code idle_flush_time}; {@code flush_bytes} and {@code
 * dead_letter_path} (see {@link DeadLetterFile}) are ours. {@code ilm_enabled} and {@code
 * data_stream} are accepted when false or auto (we use neither); {@code ecs_compatibility} only
 * chooses Logstash's built-in template, which we do not ship.
 *
 * <p>Relative file paths ({@code template}, CA files) are looked up in the working directory, then
 * next to the pipeline file. A relative {@code dead_letter_path} is taken from the working
 * directory of the client that starts the job.
 */
public final class ElasticsearchOutputs {
    static final String DEFAULT_INDEX = "logstash-%{+YYYY.MM.dd}";
    static final String ECS_INDEX = "ecs-logstash-%{+YYYY.MM.dd}";
    static final String DEFAULT_DEAD_LETTER_PATH = "dead-letter/elasticsearch-%{+YYYY-MM-dd}.jsonl";
    static final Set<String> ACTIONS = Set.of("index", "create", "update", "delete");

    /** Logstash's setting names; {@code ssl}, {@code cacert}, ... are its older names. */
    public static final PluginSpec SPEC =
            PluginSpec.output("elasticsearch")
                    .array(
                            "hosts",
                            List.of("//127.0.0.1"),
                            "host:port or http(s) URLs, with a path prefix if any")
                    .string("path", null, "path prefix of the HTTP API, e.g. behind a proxy")
                    .string(
                            "index",
                            DEFAULT_INDEX,
                            "the index, %{} interpolated; ecs-logstash-%{+YYYY.MM.dd} with ECS")
                    .string("document_id", null, "the document id, e.g. %{id}: replays overwrite")
                    .string("routing", null, "routing value, %{} interpolated")
                    .string("pipeline", null, "the ingest pipeline, %{} interpolated")
                    .string("action", "index", "index, create, update, delete, or %{field}")
                    .bool("doc_as_upsert", false, "update: create the document if missing")
                    .number("retry_on_conflict", 1, "update: retries on a version conflict")
                    .string("user", null, "basic authentication user")
                    .password("password", "basic authentication password")
                    .password("api_key", "API key (id:key), needs TLS")
                    .bool("ssl_enabled", null, "TLS; default: whether a host says https://")
                    .bool("ssl", null, "older name of ssl_enabled")
                    .option(
                            "ssl_certificate_authorities",
                            PluginSpec.Kind.ARRAY,
                            null,
                            false,
                            "PEM files of the CAs to trust")
                    .path("cacert", null, "older name of ssl_certificate_authorities")
                    .oneOf(
                            "ssl_verification_mode",
                            "full",
                            "full: check certificate and host name; none: check nothing",
                            "full",
                            "none")
                    .bool(
                            "ssl_certificate_verification",
                            true,
                            "older form of ssl_verification_mode")
                    .number("timeout", 60, "seconds a request may take")
                    .number("flush_size", 500, "actions per bulk request at most")
                    .bytes("flush_bytes", "20mb", "bytes per bulk request at most")
                    .number("idle_flush_time", 1, "seconds before a partial bulk is sent")
                    .number("retry_initial_interval", 2, "seconds before the first retry")
                    .number("retry_max_interval", 64, "seconds between retries at most")
                    .bool("manage_template", true, "install template (none is installed without)")
                    .path("template", null, "a JSON index template file to install")
                    .string(
                            "template_name",
                            "logstash",
                            "the template's name (ecs-logstash with ECS)")
                    .bool("template_overwrite", false, "replace an existing template")
                    .oneOf(
                            "template_api",
                            "auto",
                            "auto: composable on Elasticsearch 8+ and OpenSearch, legacy on 7",
                            "auto",
                            "legacy",
                            "composable")
                    .any("ilm_enabled", "auto", "false or auto; true is not supported")
                    .any(
                            "data_stream",
                            "auto",
                            "true, false or auto (data streams if ECS is on and the settings fit)")
                    .oneOf(
                            "data_stream_type",
                            "logs",
                            "data stream type: the first part of its name",
                            "logs",
                            "metrics",
                            "synthetics",
                            "traces")
                    .string("data_stream_dataset", "generic", "data stream dataset (middle part)")
                    .string("data_stream_namespace", "default", "data stream namespace (last)")
                    .bool(
                            "data_stream_auto_routing",
                            true,
                            "name from the event's [data_stream][type/dataset/namespace]")
                    .bool(
                            "data_stream_sync_fields",
                            true,
                            "set the document's [data_stream] fields to the name's parts")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "v1/v8: default index and template name ecs-logstash; data streams",
                            "disabled",
                            "v1",
                            "v8")
                    .string(
                            "dead_letter_path",
                            DEFAULT_DEAD_LETTER_PATH,
                            "ours: rejected documents go here as JSON lines");

    private ElasticsearchOutputs() {}

    /**
     * Checks the settings and builds the output. Throws {@link ConfigException} (with the setting's
     * location) for anything wrong, before the job starts.
     *
     * @param pipelineDir folder of the pipeline file, for relative file paths
     */
    public static OutputSpec create(PluginDef def, Path pipelineDir) {
        return new ElasticsearchOutputSpec(config(def, pipelineDir));
    }

    static ElasticsearchOutputConfig config(PluginDef def, Path pipelineDir) {
        PluginSettings s = SPEC.read(def);

        Boolean ssl = sslEnabled(s);
        List<URI> hostUris = hosts(s, ssl);
        boolean anyHttps = hostUris.stream().anyMatch(u -> "https".equals(u.getScheme()));
        boolean tls = ssl != null ? ssl : anyHttps;
        List<String> hosts = new ArrayList<>();
        String pathPrefix = null;
        for (URI u : hostUris) {
            hosts.add((tls ? "https" : "http") + "://" + hostPort(u));
            if (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/")) {
                pathPrefix = u.getPath();
            }
        }
        if (s.has("path")) {
            pathPrefix = s.string("path");
        }
        if (pathPrefix != null) {
            pathPrefix = pathPrefix.replaceAll("/+$", "");
            if (pathPrefix.isEmpty()) {
                pathPrefix = null;
            } else if (!pathPrefix.startsWith("/")) {
                pathPrefix = "/" + pathPrefix;
            }
        }

        String action = s.getString("action");
        if (!Sprintf.isDynamic(action) && !ACTIONS.contains(action)) {
            throw s.error(
                    "action",
                    "Action '"
                            + action
                            + "' is invalid! Pick one of [\"index\", \"create\", \"update\","
                            + " \"delete\"] or use a sprintf style statement");
        }
        String documentId = s.string("document_id");
        if ((action.equals("update") || action.equals("delete")) && documentId == null) {
            throw s.error("action", "Specifying action => '" + action + "' needs a document_id.");
        }

        String user = s.string("user");
        String password = s.string("password");
        String apiKey = s.string("api_key");
        if (user != null && password == null) {
            throw s.error("user", "User '" + user + "' was set but 'password' is missing");
        }
        if (password != null && user == null) {
            throw s.error("password", "'password' was set but 'user' is missing");
        }
        if (apiKey != null && user != null) {
            throw s.error(
                    "api_key",
                    "Multiple authentication options are specified, please only use one of"
                            + " user/password or api_key");
        }
        if (apiKey != null && !tls) {
            throw s.error(
                    "api_key",
                    "Using api_key authentication requires SSL/TLS secured communication using"
                            + " the `ssl_enabled => true` option");
        }

        String caPem = caCertificates(s, pipelineDir);
        if (caPem != null && !tls) {
            throw s.error(
                    s.has("cacert") ? "cacert" : "ssl_certificate_authorities",
                    "CA certificates are set but SSL/TLS is not enabled (set `ssl_enabled =>"
                            + " true` or use https:// hosts)");
        }
        boolean verify = verification(s);

        long retryInitial = positiveSeconds(s, "retry_initial_interval");
        long retryMax = positiveSeconds(s, "retry_max_interval");
        if (retryMax < retryInitial) {
            throw s.error(
                    "retry_max_interval",
                    "retry_max_interval must not be less than retry_initial_interval");
        }
        long flushSize = s.getLong("flush_size");
        if (flushSize < 1 || flushSize > 100_000) {
            throw s.invalid("flush_size", "Expected a number between 1 and 100000");
        }
        double idle = s.getDouble("idle_flush_time");
        if (idle <= 0) {
            throw s.invalid("idle_flush_time", "Expected a positive number of seconds");
        }
        long retryOnConflict = s.getLong("retry_on_conflict");
        if (retryOnConflict < 0) {
            throw s.invalid("retry_on_conflict", "Expected a number >= 0");
        }
        double timeout = s.getDouble("timeout");
        if (timeout <= 0) {
            throw s.invalid("timeout", "Expected a positive number of seconds");
        }

        String ilm = trueFalseAuto(s, "ilm_enabled");
        if (ilm.equals("true")) {
            throw s.error(
                    "ilm_enabled",
                    "ilm_enabled => true is not supported by this elasticsearch output");
        }
        ElasticsearchOutputConfig.DataStream dataStream = dataStream(s);
        boolean ecs = !s.getString("ecs_compatibility").equals("disabled");
        String index = s.has("index") ? s.getString("index") : ecs ? ECS_INDEX : DEFAULT_INDEX;
        if (dataStream != null) {
            index = dataStream.defaultName();
            action = "create";
        }

        return new ElasticsearchOutputConfig(
                s.string("id"),
                List.copyOf(hosts),
                pathPrefix,
                index,
                documentId,
                s.string("routing"),
                s.string("pipeline"),
                action,
                s.getBool("doc_as_upsert"),
                (int) retryOnConflict,
                user,
                password,
                apiKey,
                caPem,
                verify,
                (int) Math.round(timeout * 1000),
                (int) flushSize,
                ByteSizes.of(s, "flush_bytes"),
                Math.round(idle * 1000),
                retryInitial * 1000,
                retryMax * 1000,
                // Logstash: data streams turn template management off unless it is asked for
                dataStream != null && !s.has("manage_template") ? null : template(s, pipelineDir),
                deadLetterPath(s),
                dataStream);
    }

    /**
     * Settings that may stand beside {@code data_stream => true}: connection, security, retries,
     * batching (Logstash's shared API settings) and the ones every output has. Anything else
     * ({@code index}, {@code template}, ...) decides where documents go or how they are mapped,
     * which the data stream decides.
     */
    private static final Set<String> DATA_STREAM_COMPATIBLE =
            Set.of(
                    "id",
                    "codec",
                    "enable_metric",
                    "workers",
                    "hosts",
                    "path",
                    "document_id",
                    "user",
                    "password",
                    "api_key",
                    "ssl_enabled",
                    "ssl",
                    "ssl_certificate_authorities",
                    "cacert",
                    "ssl_verification_mode",
                    "ssl_certificate_verification",
                    "timeout",
                    "retry_initial_interval",
                    "retry_max_interval",
                    "flush_size",
                    "flush_bytes",
                    "idle_flush_time",
                    "ecs_compatibility",
                    "dead_letter_path",
                    "routing",
                    "pipeline");

    /**
     * Whether events go to a data stream, as Logstash 8 decides it ({@code DataStreamSupport}):
     * {@code data_stream => true} needs settings a data stream allows; {@code false} forbids the
     * {@code data_stream_*} settings; {@code auto} (the default) means a data stream when ECS is on
     * and every given setting fits one. As in Logstash with ECS off, auto is never a data stream
     * here unless {@code ecs_compatibility} is set to v1 or v8 (our default is disabled). Logstash
     * 8 also refuses {@code data_stream => true} with ECS disabled: we refuse it when {@code
     * ecs_compatibility => disabled} is written out, and allow it when it is only our default
     * (Logstash 8's default is v8).
     *
     * @return the data stream, or null when events go to indices
     */
    static ElasticsearchOutputConfig.DataStream dataStream(PluginSettings s) {
        String mode = trueFalseAuto(s, "data_stream");
        List<String> given = new ArrayList<>();
        List<String> dsSettings = new ArrayList<>();
        for (PluginSettings.Value v : s.inForce()) {
            if (v.given()) {
                given.add(v.option().name());
            }
        }
        List<String> incompatible = new ArrayList<>();
        for (String name : given) {
            if (name.startsWith("data_stream_")) {
                dsSettings.add(name);
            } else if (name.equals("data_stream") || DATA_STREAM_COMPATIBLE.contains(name)) {
                continue;
            } else if (name.equals("action")) {
                if (!s.getString("action").equals("create")) {
                    incompatible.add(name);
                }
            } else if (name.equals("manage_template")) {
                if (s.getBool("manage_template")) {
                    incompatible.add(name);
                }
            } else {
                incompatible.add(name);
            }
        }
        String ecs = s.getString("ecs_compatibility");
        boolean use;
        switch (mode) {
            case "true" -> {
                if (!incompatible.isEmpty()) {
                    throw s.error(
                            incompatible.get(0),
                            "Invalid data stream configuration: "
                                    + rubyList(incompatible)
                                    + " cannot be used with data_stream => true");
                }
                if (s.has("ecs_compatibility") && ecs.equals("disabled")) {
                    throw s.error(
                            "ecs_compatibility",
                            "Invalid data stream configuration: `ecs_compatibility => disabled`."
                                    + " Elasticsearch data streams require events that follow the"
                                    + " Elastic Common Schema: set ecs_compatibility => v8 (or"
                                    + " v1), or leave it unset");
                }
                use = true;
            }
            case "false" -> use = false;
            default -> use = !ecs.equals("disabled") && incompatible.isEmpty();
        }
        if (!use) {
            if (!dsSettings.isEmpty()) {
                throw s.error(
                        dsSettings.get(0),
                        "Ambiguous configuration; data stream settings must not be present when"
                                + " data streams are disabled (data_stream => "
                                + mode
                                + (mode.equals("auto") ? ", resolved to false" : "")
                                + "): "
                                + rubyList(dsSettings)
                                + ". Set data_stream => true or remove them");
            }
            return null;
        }
        return new ElasticsearchOutputConfig.DataStream(
                s.getString("data_stream_type"),
                identifier(s, "data_stream_dataset"),
                identifier(s, "data_stream_namespace"),
                s.getBool("data_stream_auto_routing"),
                s.getBool("data_stream_sync_fields"));
    }

    private static final String INVALID_IDENTIFIER_CHARS = "\\/*?\"<>| ,#:";

    /**
     * A dataset or namespace: not empty, at most 100 bytes, none of {@code \ / * ? " < > | , # :}
     * or space.
     */
    private static String identifier(PluginSettings s, String name) {
        String v = s.getString(name);
        if (v.isEmpty()) {
            throw s.invalid(name, "Invalid identifier - empty string");
        }
        int bytes = v.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 100) {
            throw s.invalid(name, "Invalid identifier - too long (" + bytes + " bytes)");
        }
        for (char c : v.toCharArray()) {
            if (INVALID_IDENTIFIER_CHARS.indexOf(c) >= 0) {
                throw s.invalid(
                        name,
                        "Invalid characters detected: none of \\ / * ? \" < > | , # : or a"
                                + " space is allowed");
            }
        }
        return v;
    }

    private static String rubyList(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").toList().toString();
    }

    /** A true/false/auto setting: a boolean or one of the three words. */
    private static String trueFalseAuto(PluginSettings s, String name) {
        if (!s.has(name)) {
            return s.getString(name);
        }
        return s.raw(name) instanceof Boolean b
                ? b.toString()
                : s.oneOf(name, null, "true", "false", "auto");
    }

    /** {@code ssl_enabled} or its old name {@code ssl}; null when neither is set. */
    private static Boolean sslEnabled(PluginSettings s) {
        if (s.has("ssl_enabled") && s.has("ssl")) {
            throw s.error("ssl", "Use either `ssl_enabled` or the deprecated `ssl`, not both");
        }
        return s.has("ssl_enabled") ? s.bool("ssl_enabled") : s.bool("ssl");
    }

    private static List<URI> hosts(PluginSettings s, Boolean ssl) {
        List<String> given = s.getList("hosts");
        if (given.isEmpty()) {
            throw s.invalid("hosts", "At least one host is needed");
        }
        List<URI> out = new ArrayList<>();
        for (String h : given) {
            String text = h.trim();
            if (!text.contains("//")) {
                text = "//" + text;
            }
            URI u;
            try {
                u = new URI(text);
            } catch (URISyntaxException e) {
                throw s.invalid("hosts", "Not a valid host URI: " + h);
            }
            if (u.getHost() == null
                    || (u.getScheme() != null
                            && !u.getScheme().equals("http")
                            && !u.getScheme().equals("https"))) {
                throw s.invalid("hosts", "Not a valid host URI: " + h);
            }
            if (Boolean.FALSE.equals(ssl) && "https".equals(u.getScheme())) {
                throw s.error(
                        "hosts",
                        "SSL option was explicitly set to false but a URL was also declared with a"
                                + " scheme of 'https'. Please either explicitly set SSL to true or"
                                + " remove the scheme from the URL: "
                                + h);
            }
            out.add(u);
        }
        return out;
    }

    private static String hostPort(URI u) {
        String host = u.getHost();
        return host + ":" + (u.getPort() > 0 ? u.getPort() : 9200);
    }

    private static boolean verification(PluginSettings s) {
        if (s.has("ssl_verification_mode")) {
            return s.getString("ssl_verification_mode").equals("full");
        }
        return s.getBool("ssl_certificate_verification");
    }

    private static String caCertificates(PluginSettings s, Path pipelineDir) {
        if (s.has("ssl_certificate_authorities") && s.has("cacert")) {
            throw s.error(
                    "cacert",
                    "Use either `ssl_certificate_authorities` or the deprecated `cacert`");
        }
        String name = s.has("cacert") ? "cacert" : "ssl_certificate_authorities";
        List<String> files = s.stringList(name);
        if (files.isEmpty()) {
            return null;
        }
        StringBuilder pem = new StringBuilder();
        for (String f : files) {
            String text = readFile(s, name, f, pipelineDir);
            if (!text.contains("-----BEGIN CERTIFICATE-----")) {
                throw s.error(name, "No PEM certificate found in " + f);
            }
            pem.append(text).append('\n');
        }
        // fail now, not on the TaskManagers, if the certificates do not parse
        try {
            ElasticsearchRestClients.trustStore(pem.toString());
        } catch (Exception e) {
            throw s.error(name, "Cannot read the CA certificates: " + e.getMessage());
        }
        return pem.toString();
    }

    private static ElasticsearchOutputConfig.IndexTemplate template(
            PluginSettings s, Path pipelineDir) {
        boolean manage = s.getBool("manage_template");
        String file = s.string("template");
        if (!manage || file == null) {
            // Logstash would install its own default template here; we ship none, so a
            // template is only installed when one is named.
            return null;
        }
        String json = readFile(s, "template", file, pipelineDir);
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw s.error(
                    "template", "The template " + file + " is not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw s.error("template", "The template " + file + " is not a JSON object");
        }
        String name =
                s.has("template_name")
                        ? s.getString("template_name")
                        : s.getString("ecs_compatibility").equals("disabled")
                                ? "logstash"
                                : "ecs-logstash";
        return new ElasticsearchOutputConfig.IndexTemplate(
                name, json, s.getString("template_api"), s.getBool("template_overwrite"));
    }

    private static String deadLetterPath(PluginSettings s) {
        String p = s.getString("dead_letter_path");
        if (p.isBlank()) {
            throw s.invalid("dead_letter_path", "Expected a file path");
        }
        Path path = Path.of(p);
        return path.isAbsolute() ? p : Path.of("").toAbsolutePath().resolve(p).toString();
    }

    /**
     * Reads a file named in a setting: as written (working directory), else beside the pipeline.
     */
    static String readFile(PluginSettings s, String setting, String name, Path pipelineDir) {
        Path p = Path.of(name);
        if (!p.isAbsolute() && !Files.exists(p) && pipelineDir != null) {
            Path beside = pipelineDir.resolve(name);
            if (Files.exists(beside)) {
                p = beside;
            }
        }
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw s.error(setting, "Cannot read " + setting + " file " + name + ": " + e);
        }
    }

    private static long positiveSeconds(PluginSettings s, String name) {
        long v = s.getLong(name);
        if (v < 1) {
            throw s.invalid(name, "Expected a positive number of seconds");
        }
        return v;
    }
}
