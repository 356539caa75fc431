package io.logaggregate.testplugin.securityanalysis;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Test only. The three analysis components Elasticsearch 8.17's security module declares for its
 * {@code .security} system index (the {@code email} analyzer: tokenizer {@code uax_url_email},
 * filters {@code pattern_capture} and {@code unique}; {@code lowercase} is built into the server),
 * which in a full distribution come from the {@code analysis-common} module. The integ-test
 * distribution that our tests run has no such module and Maven Central serves none, so without
 * this plugin the {@code .security} index cannot be created, and with it no API key.
 *
 * <p>Each one is built, with the settings Elasticsearch documents for it, on the Lucene class that
 * analysis-common uses too (lucene-analysis-common is in the server's lib/), except {@code unique}
 * whose Elasticsearch semantics (a term seen anywhere before in the field is dropped) Lucene has
 * no class for: {@link UniqueTokenFilter}.
 */
public class SecurityAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
                "uax_url_email",
                (indexSettings, env, name, settings) -> {
                    int maxTokenLength =
                            settings.getAsInt(
                                    "max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
                    return new AbstractTokenizerFactory(indexSettings, settings, name) {
                        @Override
                        public Tokenizer create() {
                            UAX29URLEmailTokenizer tokenizer = new UAX29URLEmailTokenizer();
                            tokenizer.setMaxTokenLength(maxTokenLength);
                            return tokenizer;
                        }
                    };
                });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
                "pattern_capture",
                requiresAnalysisSettings(
                        (indexSettings, env, name, settings) -> {
                            List<String> regexes = settings.getAsList("patterns", null);
                            if (regexes == null || regexes.isEmpty()) {
                                throw new IllegalArgumentException(
                                        "required setting 'patterns' is missing for token filter ["
                                                + name
                                                + "]");
                            }
                            Pattern[] patterns =
                                    regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
                            boolean preserveOriginal =
                                    settings.getAsBoolean("preserve_original", true);
                            return new AbstractTokenFilterFactory(name, settings) {
                                @Override
                                public TokenStream create(TokenStream in) {
                                    return new PatternCaptureGroupTokenFilter(
                                            in, preserveOriginal, patterns);
                                }
                            };
                        }),
                "unique",
                (indexSettings, env, name, settings) -> {
                    boolean onlyOnSamePosition =
                            settings.getAsBoolean("only_on_same_position", false);
                    return new AbstractTokenFilterFactory(name, settings) {
                        @Override
                        public TokenStream create(TokenStream in) {
                            return onlyOnSamePosition
                                    ? new RemoveDuplicatesTokenFilter(in)
                                    : new UniqueTokenFilter(in);
                        }
                    };
                });
    }
}
