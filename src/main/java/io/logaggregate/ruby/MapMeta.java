package io.logaggregate.ruby;

import java.time.Instant;

/**
 * The {@code map_meta} object the aggregate {@code code} sees (Logstash's Element): the task's
 * times and per-task timeouts. Ruby reads and writes it as {@code map_meta.timeout = 0}, {@code
 * map_meta.inactivity_timeout}, {@code map_meta.creation_timestamp}, {@code
 * map_meta.lastevent_timestamp}, {@code map_meta.task_id}.
 */
public final class MapMeta {
    private Long timeout;
    private Long inactivityTimeout;
    private Instant creationTimestamp;
    private Instant lasteventTimestamp;
    private String taskId;

    public MapMeta() {}

    public MapMeta(
            String taskId, Instant creation, Instant lastEvent, Long timeout, Long inactivity) {
        this.taskId = taskId;
        this.creationTimestamp = creation;
        this.lasteventTimestamp = lastEvent;
        this.timeout = timeout;
        this.inactivityTimeout = inactivity;
    }

    public Long getTimeout() {
        return timeout;
    }

    public void setTimeout(Long timeout) {
        this.timeout = timeout;
    }

    public Long getInactivityTimeout() {
        return inactivityTimeout;
    }

    public void setInactivityTimeout(Long inactivityTimeout) {
        this.inactivityTimeout = inactivityTimeout;
    }

    public Instant getCreationTimestamp() {
        return creationTimestamp;
    }

    public void setCreationTimestamp(Instant creationTimestamp) {
        this.creationTimestamp = creationTimestamp;
    }

    public Instant getLasteventTimestamp() {
        return lasteventTimestamp;
    }

    public void setLasteventTimestamp(Instant lasteventTimestamp) {
        this.lasteventTimestamp = lasteventTimestamp;
    }

    public String getTaskId() {
        return taskId;
    }

    public void setTaskId(String taskId) {
        this.taskId = taskId;
    }
}
