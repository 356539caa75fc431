package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.event.FieldRef;

/** Checks, at configuration time, that field names in settings are field references. */
final class FilterFields {
    private FilterFields() {}

    /**
     * Fails with the setting's location when {@code ref} is no field reference. Names holding
     * {@code %{}} are left alone: they are interpolated per event.
     */
    static void check(PluginSettings s, String setting, String ref) {
        if (ref == null || ref.contains("%{")) {
            return;
        }
        try {
            FieldRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw s.invalid(setting, e.getMessage());
        }
    }
}
