package io.edgejobs.emulator.standalone;

import io.edgejobs.api.jobs.StatusDetailsMode;
import io.edgejobs.emulator.internal.EmulatorSettings;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.nio.file.Path;
import java.util.Locale;

/** The standalone emulator's options, parsed into {@link EmulatorSettings}. */
final class CommandLine {

    static final String USAGE = String.join("\n",
            "Usage: java -cp 'bundle/*:boot/pax-logging-api.jar:bin/felix.jar' io.edgejobs.emulator.standalone.EmulatorMain [options]",
            "",
            "A local AWS IoT Jobs cloud: the device Jobs API over MQTT, the job control plane over HTTP.",
            "",
            "  --mqtt-host HOST             MQTT listener address (default 127.0.0.1)",
            "  --mqtt-port PORT             MQTT listener port (default 18883, 0 = any free port)",
            "  --http-host HOST             control-plane listener address (default 127.0.0.1)",
            "  --http-port PORT             control-plane listener port (default 18080, 0 = any free port)",
            "  --data FILE                  SQLite file keeping state across restarts (default: memory only)",
            "  --region REGION              region in ARNs (default us-east-1)",
            "  --account ID                 12-digit account id in ARNs (default 123456789012)",
            "  --clock-scale X              emulated seconds per real second (default 1)",
            "  --publish-limit N            publishes/s per connection before RequestThrottled (default 100, 0 = off)",
            "  --read-limit N               account Describe+GetPending/s (default 200, 0 = off)",
            "  --write-limit N              account StartNext+Update/s (default 200, 0 = off)",
            "  --max-active-jobs N          jobs IN_PROGRESS at once (default 100)",
            "  --status-details-max N       longest statusDetails value, 1..1024 (default 1024)",
            "  --status-details-mode MODE   REPLACE (default) or MERGE",
            "  --terminal-describe-error    DescribeJobExecution of a terminal execution -> TerminalStateReached",
            "  --help                       this text");

    private CommandLine() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the bad option
     * @return null when {@code --help} was asked for
     */
    static EmulatorSettings parse(String[] args) {
        EmulatorSettings s = EmulatorSettings.defaults();
        String mqttHost = s.mqttHost();
        int mqttPort = s.mqttPort();
        String httpHost = s.httpHost();
        int httpPort = s.httpPort();
        String region = s.region();
        String account = s.accountId();
        ThrottleLimits limits = s.throttle();
        int publish = limits.publishesPerSecondPerConnection();
        int reads = limits.accountReadsPerSecond();
        int writes = limits.accountWritesPerSecond();
        int detailsMax = s.dataPlane().limits().maxStatusDetailValueLength();
        StatusDetailsMode mode = s.dataPlane().statusDetailsMode();
        boolean terminalError = s.dataPlane().terminalDescribeIsError();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--terminal-describe-error" -> terminalError = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--mqtt-host" -> mqttHost = value;
                        case "--mqtt-port" -> mqttPort = integer(option, value);
                        case "--http-host" -> httpHost = value;
                        case "--http-port" -> httpPort = integer(option, value);
                        case "--data" -> s = s.withDataFile(Path.of(value));
                        case "--region" -> region = value;
                        case "--account" -> account = value;
                        case "--clock-scale" -> s = s.withClockScale(decimal(option, value));
                        case "--publish-limit" -> publish = integer(option, value);
                        case "--read-limit" -> reads = integer(option, value);
                        case "--write-limit" -> writes = integer(option, value);
                        case "--max-active-jobs" -> s = s.withMaxActiveJobs(integer(option, value));
                        case "--status-details-max" -> detailsMax = integer(option, value);
                        case "--status-details-mode" -> mode = mode(value);
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
        }
        return s.withMqtt(mqttHost, mqttPort)
                .withHttp(httpHost, httpPort)
                .withAccount(region, account)
                .withThrottle(new ThrottleLimits(publish, reads, writes))
                .withDataPlane(EmulatorSettings.dataPlane(detailsMax, mode, terminalError));
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got " + value);
        }
    }

    private static double decimal(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + value);
        }
    }

    private static StatusDetailsMode mode(String value) {
        try {
            return StatusDetailsMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--status-details-mode must be REPLACE or MERGE, got " + value);
        }
    }
}
