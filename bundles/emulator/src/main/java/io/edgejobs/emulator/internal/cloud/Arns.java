package io.edgejobs.emulator.internal.cloud;

import io.edgejobs.api.jobs.Identifiers;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARNs of the emulated account: {@code arn:aws:iot:{region}:{account}:thing/{name}} and {@code .../job/{id}}. */
public final class Arns {

    private static final Pattern IOT_ARN = Pattern.compile("arn:aws[a-z-]*:iot:([a-z0-9-]*):([0-9]*):([a-z]+)/(.+)");

    private final String region;
    private final String accountId;

    public Arns(String region, String accountId) {
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    public String thing(String thingName) {
        return "arn:aws:iot:" + region + ":" + accountId + ":thing/" + thingName;
    }

    public String job(String jobId) {
        return "arn:aws:iot:" + region + ":" + accountId + ":job/" + jobId;
    }

    /**
     * The thing a CreateJob target names: a thing ARN (any region and account, as the emulator has no registry) or,
     * as a convenience AWS does not offer, a plain thing name.
     *
     * @throws ControlPlaneException InvalidRequestException for thing-group ARNs and anything else
     */
    public String thingNameOfTarget(String target) {
        if (target == null || target.isEmpty()) {
            throw ControlPlaneException.invalidRequest("targets: a target must not be empty");
        }
        Matcher m = IOT_ARN.matcher(target);
        String name;
        if (m.matches()) {
            String type = m.group(3);
            if (type.equals("thinggroup")) {
                throw ControlPlaneException.invalidRequest("targets: thing groups are not supported by the emulator ("
                        + target + "); name the things");
            }
            if (!type.equals("thing")) {
                throw ControlPlaneException.invalidRequest("targets: " + target + " is not a thing ARN");
            }
            name = m.group(4);
        } else if (target.startsWith("arn:")) {
            throw ControlPlaneException.invalidRequest("targets: " + target + " is not a thing ARN");
        } else {
            name = target;
        }
        if (!Identifiers.isValidThingName(name)) {
            throw ControlPlaneException.invalidRequest("targets: thing name must match " + Identifiers.THING_NAME_RULE
                    + ", got " + target);
        }
        return name;
    }
}
