package io.logaggregate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import org.junit.jupiter.api.Test;

/**
 * Number literals as Logstash's config compiler reads them ({@code lscl.rb}: {@code Integer(text)}
 * or {@code Float(text)} in Ruby): a leading zero makes an integer octal.
 */
class NumberLiteralsSpecTest {

    @Test
    void aLeadingZeroIsOctal() {
        SpecPipeline p =
                SpecPipeline.of(
                        "if [n] == 010 { mutate { add_tag => \"eight\" } }"
                                + " if [n] == -010 { mutate { add_tag => \"minus eight\" } }"
                                + " mutate { add_field => { \"x\" => 0777 \"zero\" => 00 } }");
        Event e = p.sampleJson("{\"n\":8}");
        assertThat(e.tags()).containsExactly("eight");
        assertThat(e.get("x")).isEqualTo("511");
        assertThat(e.get("zero")).isEqualTo("0");
        assertThat(p.sampleJson("{\"n\":-8}").tags()).containsExactly("minus eight");
        assertThat(p.sampleJson("{\"n\":10}").tags()).isEmpty();
    }

    @Test
    void decimalsStayDecimal() {
        SpecPipeline p = SpecPipeline.of("if [n] == 010.5 { mutate { add_tag => \"yes\" } }");
        assertThat(p.sampleJson("{\"n\":10.5}").tags()).containsExactly("yes");
    }

    @Test
    void anOctalNumberWithEightOrNineIsAConfigError() {
        assertThatThrownBy(() -> SpecPipeline.of("if [n] == 08 { drop {} }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value for Integer(): \"08\"");
        assertThatThrownBy(() -> SpecPipeline.of("mutate { add_field => { \"x\" => 019 } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"019\"");
    }
}
