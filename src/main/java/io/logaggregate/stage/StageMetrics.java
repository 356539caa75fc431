package io.logaggregate.stage;

import io.logaggregate.aggregate.Expiry;
import io.logaggregate.aggregate.TaskMetrics;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one aggregate stage, in the operator's group {@code aggregate} = the stage's
 * sanitized pattern name ({@link io.logaggregate.program.FilterProgram#stageName}). README
 * "Metrics" lists them.
 */
public final class StageMetrics implements TaskMetrics {
    public final Gauge<Long> openTasks;
    public final Counter created;
    public final Counter ended;
    public final Counter expired;
    public final Counter flushed;
    public final Counter replaced;
    public final Counter pushed;
    public final Counter codeErrors;
    public final Counter timeoutCodeErrors;
    public final Counter lateEvents;

    StageMetrics(MetricGroup operator, String stageName, LongSupplier openTasks) {
        MetricGroup g = operator.addGroup("aggregate", stageName);
        this.openTasks = g.gauge("open_tasks", openTasks::getAsLong);
        this.created = g.counter("tasks_created");
        this.ended = g.counter("tasks_ended");
        this.expired = g.counter("tasks_expired");
        this.flushed = g.counter("tasks_flushed");
        this.replaced = g.counter("tasks_replaced");
        this.pushed = g.counter("pushed_events");
        this.codeErrors = g.counter("code_errors");
        this.timeoutCodeErrors = g.counter("timeout_code_errors");
        this.lateEvents = g.counter("late_events");
    }

    @Override
    public void taskCreated() {
        created.inc();
    }

    @Override
    public void taskEnded() {
        ended.inc();
    }

    @Override
    public void taskExpired(Expiry reason) {
        switch (reason) {
            case TIMEOUT, INACTIVITY, MAP_META -> expired.inc();
            case END_OF_INPUT -> flushed.inc();
            case PREVIOUS_MAP -> replaced.inc();
        }
    }

    @Override
    public void eventPushed() {
        pushed.inc();
    }

    @Override
    public void codeError() {
        codeErrors.inc();
    }

    @Override
    public void timeoutCodeError() {
        timeoutCodeErrors.inc();
    }
}
