package io.logaggregate.io.kafka;

import io.logaggregate.event.Event;
import io.logaggregate.io.codec.Encoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * An event becomes a record as in Logstash's kafka output: the topic is {@code topic_id} and the
 * key {@code message_key}, both with {@code %{field}} references resolved per event; the value is
 * the codec's text; {@code message_headers} become headers (values with references resolved). No
 * key means Kafka's partitioner spreads the records; the record timestamp is left to the producer
 * (the time of sending), as Logstash does.
 */
final class KafkaEventSerializer implements KafkaRecordSerializationSchema<Event> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String messageKey;
    private final Map<String, String> headers;
    private final Encoder encoder;

    KafkaEventSerializer(
            String topic, String messageKey, Map<String, String> headers, Encoder encoder) {
        this.topic = topic;
        this.messageKey = messageKey;
        this.headers = new LinkedHashMap<>(headers);
        this.encoder = encoder;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Event event, KafkaSinkContext context, Long timestamp) {
        Charset charset = Charset.forName(encoder.charset());
        byte[] key =
                messageKey == null
                        ? null
                        : event.sprintf(messageKey).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        event.sprintf(topic),
                        null,
                        null,
                        key,
                        encoder.encode(event).getBytes(charset));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            record.headers()
                    .add(
                            new RecordHeader(
                                    event.sprintf(h.getKey()),
                                    event.sprintf(h.getValue()).getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }
}
