package io.logaggregate.io.elasticsearch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the low-level Elasticsearch {@link RestClient} (shipped with the ES7 connector) from the
 * output's settings: several hosts (the client round-robins and skips dead ones), basic or API-key
 * authentication, TLS with our own CA certificates.
 */
final class ElasticsearchRestClients {
    private ElasticsearchRestClients() {}

    static RestClient create(ElasticsearchOutputConfig config) {
        HttpHost[] hosts = config.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);
        if (config.pathPrefix() != null) {
            builder.setPathPrefix(config.pathPrefix());
        }
        List<Header> headers = new ArrayList<>();
        // Preemptive headers rather than a CredentialsProvider: the first bulk request is sent
        // with its credentials instead of being answered 401 and sent again.
        if (config.user() != null) {
            headers.add(
                    new BasicHeader(
                            "Authorization",
                            "Basic " + base64(config.user() + ":" + config.password())));
        }
        if (config.apiKey() != null) {
            // Logstash's api_key is "id:api_key" and is sent base64-encoded.
            headers.add(new BasicHeader("Authorization", apiKeyHeader(config.apiKey())));
        }
        builder.setDefaultHeaders(headers.toArray(new Header[0]));
        builder.setRequestConfigCallback(
                rc ->
                        rc.setConnectTimeout(Math.min(config.timeoutMillis(), 10_000))
                                .setSocketTimeout(config.timeoutMillis()));
        boolean tls = config.hosts().stream().anyMatch(h -> h.startsWith("https:"));
        if (tls) {
            SSLContext ssl = sslContext(config);
            builder.setHttpClientConfigCallback(
                    hc -> {
                        hc.setSSLContext(ssl);
                        if (!config.verifyCertificates()) {
                            hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                        }
                        return hc;
                    });
        }
        return builder.build();
    }

    /** Logstash's api_key ("id:api_key") as the Authorization header: base64-encoded. */
    static String apiKeyHeader(String apiKey) {
        return "ApiKey " + base64(apiKey);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext sslContext(ElasticsearchOutputConfig config) {
        try {
            TrustManager[] trust;
            if (!config.verifyCertificates()) {
                trust = new TrustManager[] {new TrustAll()};
            } else if (config.caCertificatesPem() != null) {
                TrustManagerFactory tmf =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore(config.caCertificatesPem()));
                trust = tmf.getTrustManagers();
            } else {
                trust = null; // the JDK's default trust store
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up TLS for Elasticsearch: " + e, e);
        }
    }

    /** A trust store holding the PEM certificates (one file may hold several). */
    static KeyStore trustStore(String pem) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> certs =
                cf.generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    /** {@code ssl_verification_mode => none}: the user asked for no verification. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
