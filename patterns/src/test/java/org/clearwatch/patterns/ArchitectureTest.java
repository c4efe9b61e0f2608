package org.clearwatch.patterns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Business rules stay plain Java; only the operators that call them know Flink. */
class ArchitectureTest {

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.clearwatch.patterns");

    @Test
    void sharedRulesDoNotDependOnFlink() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.clearwatch.patterns.calendar..",
                        "org.clearwatch.patterns.geo..",
                        "org.clearwatch.patterns.alerting..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(MAIN);
    }

    @Test
    void lateDepositRulesDoNotDependOnFlink() {
        noClasses()
                .that()
                .haveSimpleName("ReceiptBook")
                .or()
                .haveSimpleName("DepositDeadline")
                .or()
                .haveSimpleName("LateDepositAlerts")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(MAIN);
    }

    @Test
    void vehicleRulesDoNotDependOnFlink() {
        noClasses()
                .that()
                .haveSimpleName("TripTracker")
                .or()
                .haveSimpleName("StayTracker")
                .or()
                .haveSimpleName("ReferenceBook")
                .or()
                .haveSimpleName("ZoneIndex")
                .or()
                .haveSimpleName("WorkingTime")
                .or()
                .haveSimpleName("OffHoursCases")
                .or()
                .haveSimpleName("OffHoursAlerts")
                .or()
                .haveSimpleName("DwellAlerts")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(MAIN);
    }

    @Test
    void payoutRulesDoNotDependOnFlink() {
        noClasses()
                .that()
                .resideInAPackage("org.clearwatch.patterns.payouts..")
                .or()
                .haveSimpleName("PaymentHistory")
                .or()
                .haveSimpleName("DeathCheck")
                .or()
                .haveSimpleName("RosterCheck")
                .or()
                .haveSimpleName("HolderLedger")
                .or()
                .haveSimpleNameEndingWith("BeneficiaryAlerts")
                .or()
                .haveSimpleName("AccountHolderAlerts")
                .or()
                .haveSimpleName("RepeatedPayoutAlerts")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(MAIN);
    }

    @Test
    void rentArrearsRulesDoNotDependOnFlink() {
        noClasses()
                .that()
                .haveSimpleName("RentBook")
                .or()
                .haveSimpleName("RentArrearsAlerts")
                .or()
                .haveSimpleName("RentArrears")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(MAIN);
    }

    @Test
    void modelsNeverKnowKafkaOrTheJobs() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.clearwatch.jobs..")
                .check(MAIN);
    }
}
