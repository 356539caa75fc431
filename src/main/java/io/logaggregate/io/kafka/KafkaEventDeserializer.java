package io.logaggregate.io.kafka;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.codec.Decoder;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Kafka record becomes events as in Logstash's kafka input: the record's value, decoded with the
 * charset of the codec, goes through the codec (plain: one event whose {@code message} is the
 * value; json: the value's fields); then the common input fields ({@code type}, {@code tags},
 * {@code add_field}) and, with {@code decorate_events}, the record's coordinates under {@code
 * [@metadata][kafka]}. A record without a value (a tombstone) makes no event, as in Logstash.
 *
 * <p>Each event's origin is its partition and offset, which orders the events of a partition.
 */
final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<Event> {
    private static final long serialVersionUID = 1L;

    /** Logstash's decorate_events: none, basic (coordinates), extended (and the headers). */
    enum Decorate {
        NONE,
        BASIC,
        EXTENDED
    }

    private final Decoder decoder;
    private final InputDecorator decorator;
    private final Decorate decorate;
    private final String groupId;

    KafkaEventDeserializer(
            Decoder decoder, InputDecorator decorator, Decorate decorate, String groupId) {
        this.decoder = decoder;
        this.decorator = decorator;
        this.decorate = decorate;
        this.groupId = groupId;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Event> out) {
        if (record.value() == null) {
            return;
        }
        String text = new String(record.value(), Charset.forName(decoder.charset()));
        String split = record.topic() + "-" + record.partition();
        decoder.decode(
                text,
                e -> {
                    e.setOrigin(split, record.offset());
                    if (decorate != Decorate.NONE) {
                        e.set("[@metadata][kafka]", metadata(record));
                    }
                    decorator.decorate(e, null);
                    out.collect(e);
                });
    }

    /** The fields Logstash's kafka input sets under [@metadata][kafka]. */
    private Map<String, Object> metadata(ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", record.topic());
        m.put("consumer_group", groupId);
        m.put("partition", (long) record.partition());
        m.put("offset", record.offset());
        m.put(
                "key",
                record.key() == null
                        ? null
                        : new String(record.key(), Charset.forName(decoder.charset())));
        m.put("timestamp", record.timestamp());
        if (decorate == Decorate.EXTENDED) {
            Map<String, Object> headers = new LinkedHashMap<>();
            for (Header h : record.headers()) {
                headers.put(
                        h.key(),
                        h.value() == null
                                ? null
                                : new String(h.value(), Charset.forName(decoder.charset())));
            }
            m.put("headers", headers);
        }
        return m;
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return EventTypeInfo.INSTANCE;
    }
}
