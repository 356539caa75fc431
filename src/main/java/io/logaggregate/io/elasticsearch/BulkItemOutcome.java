package io.logaggregate.io.elasticsearch;

/**
 * What to do with one item of a bulk response, by its HTTP status.
 *
 * <p>We differ from Logstash on purpose: Logstash sends only 400 and 404 to its dead-letter queue
 * and retries every other failure forever, so a 403 or 413 on one document stalls the pipeline.
 * Here only what can succeed later is retried (429 and 5xx); every other 4xx is rejected to the
 * dead-letter file.
 */
enum BulkItemOutcome {
    /** Written. */
    OK,
    /**
     * {@code create} answered 409: a document with this id exists. With deterministic ids this is
     * the normal result of a replay after recovery (at-least-once), not an error.
     */
    ALREADY_PRESENT,
    /** Elasticsearch is overloaded or unavailable: send the item again after a pause. */
    RETRY,
    /** Elasticsearch will never accept it (mapping conflict, bad index name, ...). */
    REJECT;

    static BulkItemOutcome of(String action, int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status == 409 && action.equals("create")) {
            return ALREADY_PRESENT;
        }
        if (status == 404 && action.equals("delete")) {
            return OK; // already gone: a replayed delete
        }
        if (status == 429 || status >= 500) {
            return RETRY;
        }
        return REJECT;
    }
}
