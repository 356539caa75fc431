package io.logaggregate.aggregate;

/** The aggregate {@code map_action} setting. */
public enum MapAction {
    CREATE,
    UPDATE,
    CREATE_OR_UPDATE;

    static MapAction of(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
}
