package org.clearwatch.jobs.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.clearwatch.patterns.calendar.WorkingCalendar;
import org.clearwatch.patterns.model.ModelSpec;
import org.clearwatch.patterns.model.ParameterValues;
import org.clearwatch.patterns.offhours.OffHoursAlerts;
import org.clearwatch.patterns.offhours.OffHoursVehicle;
import org.clearwatch.patterns.offhours.WorkingTime;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdiction;
import org.clearwatch.patterns.outofjurisdiction.OutOfJurisdictionModel;
import org.clearwatch.patterns.restrictedzone.RestrictedZoneVisit;
import org.clearwatch.patterns.vehicletrack.DwellAlerts;
import org.clearwatch.schema.alert.AlertKind;
import org.clearwatch.schema.feed.GpsPing;
import org.clearwatch.schema.ref.DayKind;
import org.clearwatch.schema.ref.Dispatch;
import org.clearwatch.schema.ref.Vehicle;
import org.clearwatch.schema.ref.VehicleKind;
import org.clearwatch.schema.ref.Zone;
import org.clearwatch.schema.ref.ZoneKind;

/**
 * The official cars of a few townships: working-day errands, some night, weekend and holiday trips
 * with and without a dispatch (some dispatches written up the next day), resort visits, days spent
 * outside the township; and, for one car of each township, an errand on every make-up working day
 * (调休, which must stay quiet) and a night trip without a dispatch on every statutory holiday.
 * Seeded, so a run is repeatable, and it knows which cases must alert under the models' default
 * parameters: the ground truth the demo and the tests compare with.
 *
 * <p>Geometry: township {@code t} is a square of 0.2° (about 20 km) side by side along the
 * longitude; each has one restricted zone (a resort, 0.01° across) 5 km north of its centre. Cars
 * are parked south of the centre and drive out and back at most 4 km, so an errand never brushes
 * the resort or the boundary unless it is meant to. Pings come every 30 s on the move and every few
 * minutes while parked somewhere; a parked car at home sends nothing.
 */
public final class VehicleSimulation {

    /** The shape of the run. */
    public record Options(
            long seed,
            int townships,
            int vehiclesPerTownship,
            LocalDate firstDay,
            int days,
            double nightTripRate,
            double restDayTripRate,
            double resortVisitRate,
            double awayDayRate) {

        public static Options demo(long seed, LocalDate firstDay, int days) {
            return new Options(seed, 3, 5, firstDay, days, 0.12, 0.2, 0.05, 0.04);
        }
    }

    /** County 330299; townships 330299101... */
    static final String COUNTY = "330299";

    static final double CENTRE_LAT = 30.0;
    static final double FIRST_CENTRE_LON = 120.1;
    static final double TOWNSHIP_WIDTH = 0.2;

    /** 0.003° of latitude, about 333 m: 30 s at 40 km/h. */
    static final double STEP = 0.003;

    /**
     * The car of each township (a GENERAL one) that, besides its random days, makes the planted
     * stories: an errand on every make-up working day, a night trip on every holiday, and on its
     * first four ordinary working days a resort visit above and one below the dwell threshold, a
     * day away above and one below the away threshold.
     */
    static final int STORYTELLER = 2;

    private static final List<ModelSpec> SPECS =
            List.of(OffHoursVehicle.SPEC, RestrictedZoneVisit.SPEC, OutOfJurisdiction.SPEC);

    private static final String[] PURPOSES = {"防汛检查", "信访接待", "安全生产检查", "会议", "接送检查组"};

    private final List<GpsPing> pings = new ArrayList<>();
    private final List<Vehicle> vehicles = new ArrayList<>();
    private final List<Dispatch> dispatches = new ArrayList<>();
    private final List<Zone> zones = new ArrayList<>();
    private final List<ExpectedAlert> expected = new ArrayList<>();

    private final WorkingCalendar calendar;
    private final WorkingTime workingTime;
    private final Duration dwell;
    private final Duration awayDwell;

    private VehicleSimulation(WorkingCalendar calendar) {
        this.calendar = calendar;
        this.workingTime = OffHoursVehicle.Settings.defaults().workingTime();
        this.dwell =
                Duration.ofMinutes(
                        RestrictedZoneVisit.SPEC
                                .defaults()
                                .get(RestrictedZoneVisit.PARAMETERS.dwellMinutes()));
        this.awayDwell =
                Duration.ofMinutes(
                        OutOfJurisdiction.SPEC
                                .defaults()
                                .get(OutOfJurisdiction.PARAMETERS.dwellMinutes()));
    }

    /**
     * Generates the run. The ground truth assumes the models' default parameters and the given
     * calendar.
     */
    public static VehicleSimulation generate(Options options, WorkingCalendar calendar) {
        VehicleSimulation sim = new VehicleSimulation(calendar);
        for (int t = 0; t < options.townships(); t++) {
            sim.township(options, t);
        }
        sim.pings.sort(
                Comparator.comparing(GpsPing::getFixTime).thenComparing(GpsPing::getVehicleId));
        sim.expected.sort(
                Comparator.comparing(ExpectedAlert::eventTime)
                        .thenComparing(ExpectedAlert::alertId));
        return sim;
    }

    /**
     * Generates the run for the models as configured: the ground truth is worked out for the
     * vehicle models' default parameters (trip detection, thresholds, exempt kinds, working hours
     * all shape which planted case alerts and when), so other values are refused rather than
     * mispredicted. Models absent from {@code models} are disabled: their cases are planted but not
     * expected.
     */
    public static VehicleSimulation generate(
            Options options, Map<String, ParameterValues> models, WorkingCalendar calendar) {
        for (ModelSpec spec : SPECS) {
            ParameterValues values = models.get(spec.id());
            if (values != null && !values.asMap().equals(spec.defaults().asMap())) {
                throw new IllegalArgumentException(
                        "the vehicle simulation knows its ground truth for the defaults of "
                                + spec.id()
                                + " only "
                                + spec.defaults().asMap()
                                + ", got "
                                + values.asMap());
            }
        }
        VehicleSimulation sim = generate(options, calendar);
        sim.expected.removeIf(e -> !models.containsKey(e.modelId()));
        return sim;
    }

    public List<GpsPing> pings() {
        return pings;
    }

    public List<Vehicle> vehicles() {
        return vehicles;
    }

    public List<Dispatch> dispatches() {
        return dispatches;
    }

    /** Jurisdictions and restricted zones, polygons in WKT. */
    public List<Zone> zones() {
        return zones;
    }

    /** Every alert the vehicle models must give, over the whole run, in event-time order. */
    public List<ExpectedAlert> expected() {
        return expected;
    }

    /** The alerts due once event time has reached {@code watermark}. */
    public List<ExpectedAlert> expectedUpTo(Instant watermark) {
        return expected.stream().filter(e -> !e.eventTime().isAfter(watermark)).toList();
    }

    /** Where one car lives. */
    private record Car(
            String plate,
            String township,
            VehicleKind kind,
            String homeZone,
            double lat,
            double lon,
            Zone resort,
            double resortLat,
            double resortLon,
            boolean storyteller) {}

    private void township(Options options, int t) {
        String township = COUNTY + String.format(Locale.ROOT, "%03d", 101 + t);
        double west = FIRST_CENTRE_LON - TOWNSHIP_WIDTH / 2 + t * TOWNSHIP_WIDTH;
        double centreLon = west + TOWNSHIP_WIDTH / 2;
        Zone jurisdiction =
                zone(
                        "Z-JUR-" + township,
                        ZoneKind.JURISDICTION,
                        "第" + (t + 1) + "镇",
                        square(CENTRE_LAT, centreLon, TOWNSHIP_WIDTH / 2));
        double resortLat = CENTRE_LAT + 0.05;
        Zone resort =
                zone(
                        "Z-R-" + township,
                        ZoneKind.RESTRICTED,
                        "第" + (t + 1) + "镇温泉度假村",
                        square(resortLat, centreLon, 0.005));
        zones.add(jurisdiction);
        zones.add(resort);

        for (int v = 0; v < options.vehiclesPerTownship(); v++) {
            SplittableRandom rng =
                    new SplittableRandom(options.seed() * 1_000_003L + t * 1000L + v);
            VehicleKind kind =
                    v == 0
                            ? VehicleKind.LAW_ENFORCEMENT
                            : v == 1 && t == 0 ? VehicleKind.EMERGENCY : VehicleKind.GENERAL;
            String plate =
                    String.format(
                            Locale.ROOT,
                            "浙A·%s%d%03d",
                            kind == VehicleKind.GENERAL ? "G" : "J",
                            t + 1,
                            v + 1);
            Car car =
                    new Car(
                            plate,
                            township,
                            kind,
                            jurisdiction.getZoneId(),
                            CENTRE_LAT - 0.02 * rng.nextDouble(),
                            centreLon - 0.04 + 0.08 * rng.nextDouble(),
                            resort,
                            resortLat,
                            centreLon,
                            v == STORYTELLER);
            vehicles.add(
                    Vehicle.newBuilder()
                            .setVehicleId(plate)
                            .setUnitCode("U-" + township + String.format(Locale.ROOT, "-%02d", v))
                            .setTownshipCode(township)
                            .setKind(kind)
                            .setHomeZone(jurisdiction.getZoneId())
                            .setRecordedAt(null)
                            .build());
            int nextStay = 0;
            for (int d = 0; d < options.days(); d++) {
                LocalDate day = options.firstDay().plusDays(d);
                PlantedStay stay = null;
                if (car.storyteller()
                        && calendar.isWorkingDay(day)
                        && calendar.exception(day).isEmpty()
                        && nextStay < PlantedStay.values().length) {
                    stay = PlantedStay.values()[nextStay++];
                }
                day(options, rng, car, day, stay);
            }
        }
    }

    /** The stays the storyteller makes on its first ordinary working days, one a day. */
    private enum PlantedStay {
        RESORT_ABOVE_THRESHOLD,
        RESORT_BELOW_THRESHOLD,
        AWAY_ABOVE_THRESHOLD,
        AWAY_BELOW_THRESHOLD
    }

    private void day(
            Options options, SplittableRandom rng, Car car, LocalDate day, PlantedStay stay) {
        Instant midnight = WorkingCalendar.startOf(day);
        Optional<DayKind> exception = calendar.exception(day);
        boolean planted = car.storyteller() && exception.isPresent();
        if (planted && exception.get() == DayKind.WORKDAY) {
            // A make-up working day (调休): a Sunday errand like any weekday's, and quiet.
            trip(rng, car, midnight.plus(minutes(10 * 60)), DispatchChoice.NONE);
        } else if (planted) {
            // A holiday night without a dispatch: raised, HIGH.
            trip(rng, car, midnight.plus(minutes(21 * 60 + 10)), DispatchChoice.NONE);
        }
        if (calendar.isWorkingDay(day)) {
            // On a make-up day the planted errand is the storyteller's daytime outing.
            double pick = planted || stay != null ? 1.0 : rng.nextDouble();
            Instant morning = midnight.plus(minutes(9 * 60 + rng.nextInt(90)));
            Instant lateMorning = midnight.plus(minutes(10 * 60 + rng.nextInt(180)));
            if (stay == PlantedStay.RESORT_ABOVE_THRESHOLD) {
                resortVisit(rng, car, lateMorning, true);
            } else if (stay == PlantedStay.RESORT_BELOW_THRESHOLD) {
                resortVisit(rng, car, lateMorning, false);
            } else if (stay == PlantedStay.AWAY_ABOVE_THRESHOLD) {
                awayDay(rng, car, morning, true);
            } else if (stay == PlantedStay.AWAY_BELOW_THRESHOLD) {
                awayDay(rng, car, morning, false);
            } else if (pick < options.awayDayRate()) {
                awayDay(rng, car, morning, rng.nextDouble() < 0.6);
            } else if (pick < options.awayDayRate() + options.resortVisitRate()) {
                resortVisit(rng, car, lateMorning, rng.nextDouble() < 0.6);
            } else if (pick < 0.7) {
                trip(
                        rng,
                        car,
                        midnight.plus(minutes(8 * 60 + rng.nextInt(7 * 60))),
                        DispatchChoice.RANDOM);
            }
            if (rng.nextDouble() < options.nightTripRate()) {
                trip(
                        rng,
                        car,
                        midnight.plus(minutes(20 * 60 + rng.nextInt(150))),
                        DispatchChoice.RANDOM);
            }
        } else if (rng.nextDouble() < options.restDayTripRate()) {
            trip(
                    rng,
                    car,
                    midnight.plus(minutes(9 * 60 + rng.nextInt(6 * 60))),
                    DispatchChoice.RANDOM);
        }
    }

    /** Whether an off-hours trip gets a dispatch: planted stories have none. */
    private enum DispatchChoice {
        RANDOM,
        NONE
    }

    /**
     * Out and back: {@code k} pings north 30 s apart, {@code k} back to where it stood, then
     * silence. Established on the fifth ping (2 minutes, 1.7 km); ended 10 minutes after the last.
     */
    private void trip(SplittableRandom rng, Car car, Instant start, DispatchChoice choice) {
        int k = 5 + rng.nextInt(8);
        ping(car, start.minusSeconds(60), car.lat(), car.lon(), 0);
        Instant last = start;
        for (int i = 1; i <= 2 * k; i++) {
            int out = i <= k ? i : 2 * k - i;
            last = start.plusSeconds(30L * (i - 1));
            ping(car, last, car.lat() + out * STEP, car.lon(), 40);
        }
        WorkingTime.OffHours offHours = workingTime.offHours(start, calendar);
        if (offHours == null) {
            return;
        }
        Instant raisedAt = start.plusSeconds(120);
        Instant endKnown = last.plus(Duration.ofMinutes(10));
        boolean dispatched = rng.nextDouble() < 0.4 && choice == DispatchChoice.RANDOM;
        boolean writtenLate = dispatched && rng.nextDouble() < 0.3;
        Instant recordedAt = null;
        if (dispatched) {
            // Written up in advance, or the morning after (补单).
            recordedAt =
                    writtenLate
                            ? start.plus(minutes(120 + rng.nextInt(600)))
                            : start.minus(minutes(60 + rng.nextInt(2000)));
            dispatches.add(
                    Dispatch.newBuilder()
                            .setDispatchId(
                                    String.format(
                                            Locale.ROOT,
                                            "PC-%s-%04d",
                                            car.township(),
                                            dispatches.size() + 1))
                            .setVehicleId(car.plate())
                            .setApprovedFrom(start.minus(minutes(15)))
                            .setApprovedTo(start.plus(Duration.ofHours(3)))
                            .setPurpose(PURPOSES[rng.nextInt(PURPOSES.length)])
                            .setRecordedAt(recordedAt)
                            .build());
        }
        if (car.kind() != VehicleKind.GENERAL || (dispatched && !writtenLate)) {
            return; // exempt, or covered when it left
        }
        String id = OffHoursAlerts.alertId(car.plate(), start);
        expect(id, AlertKind.RAISED, raisedAt, car);
        expect(id, AlertKind.UPDATED, endKnown, car);
        if (writtenLate) {
            expect(id, AlertKind.RESOLVED, recordedAt, car);
        }
    }

    /** Jumps to the resort, a ping every 2 minutes there, then back home. */
    private void resortVisit(SplittableRandom rng, Car car, Instant arrives, boolean long_) {
        int minutes = long_ ? 40 + rng.nextInt(80) : 10 + rng.nextInt(15);
        ping(car, arrives.minus(Duration.ofMinutes(15)), car.lat(), car.lon(), 0);
        for (int m = 0; m < minutes; m += 2) {
            ping(car, arrives.plus(minutes(m)), car.resortLat(), car.resortLon(), 0);
        }
        Instant left = arrives.plus(minutes(minutes + 1));
        ping(car, left, car.lat(), car.lon(), 30);
        if (long_ && car.kind() == VehicleKind.GENERAL) {
            String id =
                    DwellAlerts.alertId(
                            RestrictedZoneVisit.ID, car.plate(), car.resort().getZoneId(), arrives);
            expect(id, AlertKind.RAISED, arrives.plus(dwell), car);
            expect(id, AlertKind.UPDATED, left, car);
        }
    }

    /** Jumps 33 km north, a ping every 5 minutes there, then back home. */
    private void awayDay(SplittableRandom rng, Car car, Instant out, boolean long_) {
        int minutes = long_ ? 150 + rng.nextInt(150) : 40 + rng.nextInt(60);
        ping(car, out.minus(Duration.ofMinutes(15)), car.lat(), car.lon(), 0);
        for (int m = 0; m < minutes; m += 5) {
            ping(car, out.plus(minutes(m)), car.lat() + 0.3, car.lon(), 0);
        }
        Instant back = out.plus(minutes(minutes + 1));
        ping(car, back, car.lat(), car.lon(), 30);
        if (long_ && car.kind() != VehicleKind.EMERGENCY) {
            String id =
                    DwellAlerts.alertId(
                            OutOfJurisdiction.ID,
                            car.plate(),
                            OutOfJurisdictionModel.OutsideHomeZone.placeId(car.homeZone()),
                            out);
            expect(id, AlertKind.RAISED, out.plus(awayDwell), car);
            expect(id, AlertKind.UPDATED, back, car);
        }
    }

    private void expect(String id, AlertKind kind, Instant at, Car car) {
        expected.add(new ExpectedAlert(id, kind, null, at, car.township(), car.plate()));
    }

    private void ping(Car car, Instant at, double lat, double lon, double speed) {
        pings.add(
                GpsPing.newBuilder()
                        .setVehicleId(car.plate())
                        .setDeviceId("DEV-" + car.plate().substring(car.plate().length() - 4))
                        .setLat(Math.round(lat * 1e6) / 1e6)
                        .setLon(Math.round(lon * 1e6) / 1e6)
                        .setSpeedKmh(speed)
                        .setIgnition(null)
                        .setFixTime(at)
                        .build());
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    private static Zone zone(String id, ZoneKind kind, String name, String wkt) {
        return Zone.newBuilder()
                .setZoneId(id)
                .setKind(kind)
                .setName(name)
                .setPolygonWkt(wkt)
                .setRecordedAt(null)
                .build();
    }

    /** A square of half-side {@code half} degrees around a centre, as WKT (longitude first). */
    static String square(double lat, double lon, double half) {
        return String.format(
                Locale.ROOT,
                "POLYGON ((%.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f))",
                lon - half,
                lat - half,
                lon + half,
                lat - half,
                lon + half,
                lat + half,
                lon - half,
                lat + half,
                lon - half,
                lat - half);
    }
}
