package io.logaggregate.io.kafka;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import java.util.Properties;

/**
 * The Logstash kafka settings that are Kafka client properties under another spelling ({@code
 * security_protocol} is {@code security.protocol}): declared here once for the input and the
 * output, and copied into the client's properties when written.
 */
final class KafkaClientSettings {
    private KafkaClientSettings() {}

    /** Connection and security settings both plugins have. */
    static PluginSpec declareCommon(PluginSpec spec) {
        return spec.string(
                        "bootstrap_servers",
                        "localhost:9092",
                        "host:port,host:port of the brokers to bootstrap from")
                .oneOf(
                        "security_protocol",
                        "PLAINTEXT",
                        "how to reach the brokers",
                        "PLAINTEXT",
                        "SSL",
                        "SASL_PLAINTEXT",
                        "SASL_SSL")
                .string("sasl_mechanism", "GSSAPI", "SASL mechanism: PLAIN, SCRAM-SHA-512, ...")
                .password("sasl_jaas_config", "JAAS configuration line for SASL")
                .path("ssl_truststore_location", null, "trust store of the brokers' CA")
                .password("ssl_truststore_password", "trust store password")
                .string("ssl_truststore_type", null, "JKS or PKCS12")
                .path("ssl_keystore_location", null, "client key store (TLS client auth)")
                .password("ssl_keystore_password", "key store password")
                .string("ssl_keystore_type", null, "JKS or PKCS12")
                .password("ssl_key_password", "password of the key in the key store")
                .string(
                        "ssl_endpoint_identification_algorithm",
                        "https",
                        "https checks the broker's host name; \"\" turns the check off")
                .number("request_timeout_ms", null, "client request timeout")
                .number("retry_backoff_ms", null, "wait before retrying a failed request")
                .number("reconnect_backoff_ms", null, "wait before reconnecting to a broker")
                .number("metadata_max_age_ms", null, "refresh period of the topic metadata")
                .number("connections_max_idle_ms", null, "close idle connections after")
                .number("send_buffer_bytes", null, "TCP send buffer")
                .number("receive_buffer_bytes", null, "TCP receive buffer")
                .oneOf(
                        "client_dns_lookup",
                        null,
                        "how broker names are resolved",
                        "use_all_dns_ips",
                        "resolve_canonical_bootstrap_servers_only");
    }

    /** The settings above (and those in {@code extra}) that were written, as client properties. */
    static Properties properties(PluginSettings s, String... extra) {
        Properties p = new Properties();
        for (PluginSpec.Option o : s.spec().options()) {
            if (!isClientProperty(o.name(), extra) || o.ignored()) {
                continue;
            }
            Object v = s.get(o.name());
            if (v == null) {
                continue;
            }
            String text = s.has(o.name()) ? stringOf(s, o.name()) : String.valueOf(v);
            p.setProperty(o.name().replace('_', '.'), text);
        }
        return p;
    }

    private static String stringOf(PluginSettings s, String name) {
        Object raw = s.raw(name);
        return raw instanceof Boolean b ? b.toString() : s.string(name);
    }

    private static boolean isClientProperty(String name, String[] extra) {
        for (String e : extra) {
            if (e.equals(name)) {
                return true;
            }
        }
        return name.startsWith("ssl_")
                || name.startsWith("sasl_")
                || switch (name) {
                    case "bootstrap_servers",
                            "security_protocol",
                            "request_timeout_ms",
                            "retry_backoff_ms",
                            "reconnect_backoff_ms",
                            "metadata_max_age_ms",
                            "connections_max_idle_ms",
                            "send_buffer_bytes",
                            "receive_buffer_bytes",
                            "client_dns_lookup" ->
                            true;
                    default -> false;
                };
    }
}
