package io.logaggregate.ruby;

import io.logaggregate.event.Event;

/** A snippet compiled into a Ruby lambda {@code |event|} (the aggregate {@code timeout_code}). */
public interface EventCode {
    /**
     * @throws RubyCodeException when the Ruby code raises
     */
    void call(Event event) throws RubyCodeException;
}
