package org.clearwatch.notifier.routing;

import java.util.Locale;
import java.util.Optional;

/** Where a recipient sits in the administrative tree; its division code has this many digits. */
enum Level {
    VILLAGE(12),
    TOWNSHIP(9),
    COUNTY(6);

    private final int digits;

    Level(int digits) {
        this.digits = digits;
    }

    int digits() {
        return digits;
    }

    /** The level an unacknowledged alert escalates to; none above the county. */
    Optional<Level> above() {
        return switch (this) {
            case VILLAGE -> Optional.of(TOWNSHIP);
            case TOWNSHIP -> Optional.of(COUNTY);
            case COUNTY -> Optional.empty();
        };
    }

    static Optional<Level> ofDigits(int digits) {
        for (Level level : values()) {
            if (level.digits == digits) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
