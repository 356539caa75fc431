package io.logaggregate.io.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Json;
import io.logaggregate.event.Sprintf;
import io.logaggregate.io.OutputSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                    .string("index", DEFAULT_INDEX, "the index, with %{field} and %{+YYYY.MM.dd}")
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
                    .string("template_name", "logstash", "the name to install the template under")
                    .bool("template_overwrite", false, "replace an existing template")
                    .oneOf(
                            "template_api",
                            "auto",
                            "legacy or composable; auto: from the file's shape",
                            "auto",
                            "legacy",
                            "composable")
                    .any("ilm_enabled", "auto", "false or auto; true is not supported")
                    .any("data_stream", "auto", "false or auto; true is not supported")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "accepted; it only picks Logstash's template, not shipped",
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

        for (String off : List.of("ilm_enabled", "data_stream")) {
            // true, false or auto; a boolean is fine too
            String v =
                    !s.has(off)
                            ? s.getString(off)
                            : s.raw(off) instanceof Boolean b
                                    ? b.toString()
                                    : s.oneOf(off, null, "true", "false", "auto");
            if (v.equals("true")) {
                throw s.error(off, off + " => true is not supported by this elasticsearch output");
            }
        }

        return new ElasticsearchOutputConfig(
                s.string("id"),
                List.copyOf(hosts),
                pathPrefix,
                s.getString("index"),
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
                bytes(s, "flush_bytes"),
                Math.round(idle * 1000),
                retryInitial * 1000,
                retryMax * 1000,
                template(s, pipelineDir),
                deadLetterPath(s));
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
        String api = s.getString("template_api");
        boolean composable =
                api.equals("composable") || (api.equals("auto") && tree.has("template"));
        return new ElasticsearchOutputConfig.IndexTemplate(
                s.getString("template_name"), json, composable, s.getBool("template_overwrite"));
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

    private static final Pattern BYTES =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)?", Pattern.CASE_INSENSITIVE);

    /** A size: a number of bytes, or text such as {@code 5mb} (Logstash's bytes notation). */
    static long bytes(PluginSettings s, String name) {
        String text = (s.has(name) ? s.string(name) : String.valueOf(s.get(name))).trim();
        Matcher m = BYTES.matcher(text);
        if (!m.matches()) {
            throw s.invalid(name, "Expected a size such as 5mb or 1048576");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "kb" -> 1024L;
                    case "mb" -> 1024L * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        long v = (long) (n * factor);
        if (v < 1) {
            throw s.invalid(name, "Expected a positive size");
        }
        return v;
    }
}
