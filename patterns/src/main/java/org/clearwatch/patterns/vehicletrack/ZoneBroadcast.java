package org.clearwatch.patterns.vehicletrack;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.clearwatch.schema.ref.Zone;

/**
 * The zones as the vehicle operators see them: every {@code ref-zones} record, as Flink broadcast
 * state, with a {@link ZoneIndex} built from it. A zone applies from the moment it arrives; a zone
 * record with a known id replaces the old outline.
 *
 * <p>Each operator instance keeps the index built from its broadcast state and rebuilds it when a
 * zone arrives or after a restore; polygons are parsed once per change, never per ping.
 */
public final class ZoneBroadcast implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: zone id to zone record. */
    public static final MapStateDescriptor<String, Zone> ZONES =
            new MapStateDescriptor<>("zones", Types.STRING, TypeInformation.of(Zone.class));

    private transient ZoneIndex current;

    /** Records a zone; call from {@code processBroadcastElement}. */
    public void apply(BroadcastState<String, Zone> state, Zone zone) throws Exception {
        state.put(zone.getZoneId(), zone);
        current = null;
    }

    /** The index of every zone received so far. */
    public ZoneIndex current(ReadOnlyBroadcastState<String, Zone> state) throws Exception {
        if (current == null) {
            List<Zone> zones = new ArrayList<>();
            for (Map.Entry<String, Zone> entry : state.immutableEntries()) {
                zones.add(entry.getValue());
            }
            zones.sort((a, b) -> a.getZoneId().compareTo(b.getZoneId()));
            current = ZoneIndex.of(zones);
        }
        return current;
    }
}
