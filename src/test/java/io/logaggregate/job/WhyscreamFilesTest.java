package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * jobs/postfix-whyscream runs whyscream/postfix-grok-patterns' files as they are: their git blob
 * ids (commit e9f1a59) match, for the filter file once its one change — every {@code patterns_dir}
 * points at our copy instead of /etc/logstash/patterns.d — is undone.
 */
class WhyscreamFilesTest {
    private static final Path JOB = Path.of("jobs/postfix-whyscream");

    /** Git's blob id: sha1 of "blob <length>\0<content>". */
    private static String gitBlobId(byte[] content) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }

    @Test
    void patternsAndLicenceAreUpstreamsUnchanged() throws Exception {
        assertThat(gitBlobId(Files.readAllBytes(JOB.resolve("patterns/postfix.grok"))))
                .isEqualTo("625995e0ffbcea22ec060dc4fa2e565ac6f301b0");
        assertThat(gitBlobId(Files.readAllBytes(JOB.resolve("LICENSE"))))
                .isEqualTo("bd92d80befb37748120233701e80bdb99836737c");
    }

    @Test
    void filterFileDiffersOnlyInPatternsDir() throws Exception {
        String ours =
                Files.readString(
                        JOB.resolve("conf.d/50-filter-postfix.conf"), StandardCharsets.UTF_8);
        String upstream =
                ours.replace(
                        "patterns_dir   => \"jobs/postfix-whyscream/patterns\"",
                        "patterns_dir   => \"/etc/logstash/patterns.d\"");
        assertThat(gitBlobId(upstream.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("dd2396460d0e58f1461c7881fad818bae7c82996");
    }
}
