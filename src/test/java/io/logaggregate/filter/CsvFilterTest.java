package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.PipelineText.filter;
import static io.logaggregate.filter.PipelineText.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The examples of logstash-filter-csv's csv_spec.rb, as pipelines. */
class CsvFilterTest {
    private static Event csv(String settings, String message) {
        return sample("csv { " + settings + " }", message);
    }

    @Test
    void allDefaults() {
        Event e = csv("", "big,bird,sesame street");
        assertThat(e.get("column1")).isEqualTo("big");
        assertThat(e.get("column2")).isEqualTo("bird");
        assertThat(e.get("column3")).isEqualTo("sesame street");
        assertThat(e.get("message")).isEqualTo("big,bird,sesame street");
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void emptyRows() {
        Event e = csv("skip_empty_rows => true", "");
        assertThat(e.tags()).containsExactly("_csvskippedemptyfield");
        assertThat(e.isCancelled()).isFalse();
        // without skip_empty_rows an empty row is a failure, as Ruby's nil row fails in Logstash
        e = csv("", "");
        assertThat(e.tags()).containsExactly("_csvparsefailure");
    }

    @Test
    void separatorAndQuotes() {
        Event e = csv("separator => \";\"", "big,bird;sesame street");
        assertThat(e.get("column1")).isEqualTo("big,bird");
        assertThat(e.get("column2")).isEqualTo("sesame street");

        e = csv("quote_char => \"'\"", "big,bird,'sesame street'");
        assertThat(e.get("column3")).isEqualTo("sesame street");

        e = csv("", "big,bird,\"sesame, street\"");
        assertThat(e.get("column3")).isEqualTo("sesame, street");

        // a NUL quote char (as the two-character text \x00 in the pipeline, or the character)
        e = csv("quote_char => \"\\x00\"", "big,bird,\"sesame\" street");
        assertThat(e.get("column3")).isEqualTo("\"sesame\" street");
        e = csv("quote_char => \"\0\"", "big,bird,\"sesame\" street");
        assertThat(e.get("column3")).isEqualTo("\"sesame\" street");

        // multi-character separators, doubled quotes, empty and quoted-empty fields
        e = csv("separator => \"||\"", "a||\"b||c\"||\"say \"\"hi\"\"\"||||\"\"");
        assertThat(e.get("column1")).isEqualTo("a");
        assertThat(e.get("column2")).isEqualTo("b||c");
        assertThat(e.get("column3")).isEqualTo("say \"hi\"");
        assertThat(e.get("column4")).isNull();
        assertThat(e.includes("column4")).isTrue();
        assertThat(e.get("column5")).isEqualTo("");
    }

    @Test
    void malformedRowsAreTagged() {
        for (String bad : new String[] {"a,b\"c", "a,\"b\"c", "a,\"unclosed"}) {
            Event e = csv("add_tag => ok", bad);
            assertThat(e.tags()).as(bad).containsExactly("_csvparsefailure");
            assertThat(e.includes("column1")).as(bad).isFalse();
        }
        // only the first row is read (the row separator is the first \r\n, \n or \r)
        assertThat(csv("", "a\rb").get("column1")).isEqualTo("a");
        Event e = csv("", "a,b\nc,d");
        assertThat(e.get("column2")).isEqualTo("b");
        assertThat(e.includes("column3")).isFalse();
    }

    @Test
    void columns() {
        Event e = csv("columns => [\"first\", \"last\", \"address\" ]", "big,bird,sesame street");
        assertThat(e.get("first")).isEqualTo("big");
        assertThat(e.get("last")).isEqualTo("bird");
        assertThat(e.get("address")).isEqualTo("sesame street");

        e =
                csv(
                        "autogenerate_column_names => false columns => [\"custom1\", \"custom2\"]",
                        "val1,val2,val3");
        assertThat(e.get("custom1")).isEqualTo("val1");
        assertThat(e.get("custom2")).isEqualTo("val2");
        assertThat(e.includes("column3")).isFalse();

        e = csv("columns => [\"custom1\", \"custom2\"]", "val1,val2,val3");
        assertThat(e.get("column3")).isEqualTo("val3");

        e =
                sample(
                        "csv { skip_empty_columns => true source => \"datafield\" columns =>"
                                + " [\"custom1\", \"custom2\", \"custom3\"] }",
                        event("datafield", "val1,,val3"));
        assertThat(e.get("custom1")).isEqualTo("val1");
        assertThat(e.includes("custom2")).isFalse();
        assertThat(e.get("custom3")).isEqualTo("val3");

        e = csv("columns => [ \"[@metadata][one]\", \"foo\" ]", "hello,world");
        assertThat(e.get("[@metadata][one]")).isEqualTo("hello");
        assertThat(e.get("foo")).isEqualTo("world");
    }

    @Test
    void skipHeader() {
        Filter f =
                filter(
                        "csv { skip_header => true columns => [\"first_column\", \"second_column\","
                                + " \"third_column\"] }");
        Event header =
                FilterTestSupport.run(
                        f, PipelineText.message("first_column,second_column,third_column"));
        assertThat(header.isCancelled()).isTrue();
        Event row = FilterTestSupport.run(f, PipelineText.message("1,2,3"));
        assertThat(row.isCancelled()).isFalse();
        assertThat(row.get("third_column")).isEqualTo("3");
    }

    @Test
    void target() {
        Event e = csv("target => \"data\"", "big,bird,sesame street");
        assertThat(e.get("[data][column1]")).isEqualTo("big");
        assertThat(e.get("[data][column3]")).isEqualTo("sesame street");

        e =
                sample(
                        "csv { source => \"datain\" target => \"data\" }",
                        event("datain", "big,bird,sesame street"));
        assertThat(e.get("[data][column2]")).isEqualTo("bird");

        e = csv("target => \"[foo][bar]\"", "hello,world");
        assertThat(e.get("[foo][bar][column1]")).isEqualTo("hello");
        assertThat(e.get("[foo][bar][column2]")).isEqualTo("world");

        e =
                csv(
                        "target => \"[foo][bar]\" columns => [ \"[test][one]\", \"[test][two]\" ]",
                        "hello,world");
        assertThat(e.get("[foo][bar][test][one]")).isEqualTo("hello");
        assertThat(e.get("[foo][bar][test][two]")).isEqualTo("world");
    }

    private static final String CONVERT =
            "convert => { \"column1\" => \"integer\" \"column3\" => \"boolean\" \"column4\" =>"
                    + " \"float\" \"column5\" => \"date\" \"column6\" => \"date_time\" \"column7\""
                    + " => \"date\" \"column8\" => \"date_time\" }";

    @Test
    void conversions() {
        Event e =
                csv(
                        CONVERT,
                        "1234,bird,false,3.14159265359,2017-06-01,2001-02-03 04:05:06,invalid_date,"
                                + "invalid_date_time");
        assertThat(e.get("column1")).isEqualTo(1234L);
        assertThat(e.get("column2")).isEqualTo("bird");
        assertThat(e.get("column3")).isEqualTo(false);
        assertThat(e.get("column4")).isEqualTo(3.14159265359);
        // a date is midnight in the local zone (the test clock's UTC here)
        assertThat(e.get("column5"))
                .isEqualTo(LocalDate.parse("2017-06-01").atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(e.get("column6")).isEqualTo(Instant.parse("2001-02-03T04:05:06Z"));
        assertThat(e.get("column7")).isEqualTo("invalid_date");
        assertThat(e.get("column8")).isEqualTo("invalid_date_time");

        e =
                csv(
                        "convert => { \"custom1\" => \"integer\" \"custom3\" => \"boolean\" }"
                                + " columns => [\"custom1\", \"custom2\", \"custom3\"]",
                        "1234,bird,false");
        assertThat(e.get("custom1")).isEqualTo(1234L);
        assertThat(e.get("custom2")).isEqualTo("bird");
        assertThat(e.get("custom3")).isEqualTo(false);
    }

    @Test
    void rubyConverterRules() {
        assertThat(RubyCsv.integer(" 0x1A ")).isEqualTo(java.math.BigInteger.valueOf(26));
        assertThat(RubyCsv.integer("012")).isEqualTo(java.math.BigInteger.valueOf(10));
        assertThat(RubyCsv.integer("1_000")).isEqualTo(java.math.BigInteger.valueOf(1000));
        assertThat(RubyCsv.integer("08")).isEqualTo("08");
        assertThat(RubyCsv.integer("1.5")).isEqualTo("1.5");
        Event big = csv("convert => { column1 => integer }", "43947404257507186289");
        assertThat(big.get("column1")).isEqualTo(new java.math.BigInteger("43947404257507186289"));
        assertThat(RubyCsv.floating("1e3")).isEqualTo(1000.0);
        assertThat(RubyCsv.floating("12")).isEqualTo(12.0);
        assertThat(RubyCsv.floating("NaN")).isEqualTo("NaN");
        assertThat(RubyCsv.dateTime("2001-02-03T04:05:06+07:00"))
                .isEqualTo(Instant.parse("2001-02-02T21:05:06Z"));
        assertThat(RubyCsv.dateTime("Thu Jun 1 10:00:00 2017"))
                .isEqualTo(Instant.parse("2017-06-01T10:00:00Z"));
        assertThat(RubyCsv.dateTime("June 1 10:00:00, 2017"))
                .isEqualTo(Instant.parse("2017-06-01T10:00:00Z"));
        assertThat(RubyCsv.dateTime("Jun 31 10:00:00 2017")).isEqualTo("Jun 31 10:00:00 2017");
        assertThat(RubyCsv.date("June 1, 2017", ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2017-06-01T00:00:00Z"));
        Event e = csv("convert => { column1 => boolean }", " TRUE ,x");
        assertThat(e.get("column1")).isEqualTo(true);
        e = csv("convert => { column1 => boolean }", "Yes,x");
        assertThat(e.get("column1")).isEqualTo("yes");
    }

    @Test
    void autodetectColumnNames() {
        Filter f = filter("csv { autodetect_column_names => true }");
        Event header = FilterTestSupport.run(f, PipelineText.message("first,last,address"));
        assertThat(header.isCancelled()).isTrue();
        Event e = FilterTestSupport.run(f, PipelineText.message("big,bird,sesame street"));
        assertThat(e.get("first")).isEqualTo("big");
        assertThat(e.get("last")).isEqualTo("bird");
        assertThat(e.get("address")).isEqualTo("sesame street");
    }

    @Test
    void configErrors() {
        assertThatThrownBy(
                        () ->
                                filter(
                                        "csv { convert => { \"custom1\" => \"integer\" \"custom3\" =>"
                                                + " \"wrong_type\" } columns => [\"custom1\","
                                                + " \"custom2\", \"custom3\"] }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid conversion types: wrong_type");
        assertThatThrownBy(() -> filter("csv { quote_char => \"''\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("single character");
        assertThatThrownBy(() -> filter("csv { separator => \"\" }"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void worksAfterSerialization() throws Exception {
        Filter f = PipelineText.shipped("csv { columns => [a, b] convert => { b => integer } }");
        Event e = FilterTestSupport.run(f, PipelineText.message("x,42"));
        assertThat(e.get("a")).isEqualTo("x");
        assertThat(e.get("b")).isEqualTo(42L);
    }
}
