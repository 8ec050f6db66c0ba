package io.edgejobs.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = GatewayStatusPrinter.PID,
        name = "Edgejobs console status",
        description = "What the Web Console's Status tab shows under 'Edgejobs gateway': upstream connection state, "
                + "store facts, outbox depth, the outbox replay's counters, the known things with their pending "
                + "executions and the recent reconciliation conflicts.")
@interface Config {

    @AttributeDefinition(
            name = "Recent conflicts",
            description = "How many reconciliation conflicts (newest first) to show from the store's audit; 0 hides "
                    + "them. At most " + StatusOptions.MAX_CONFLICTS + ".")
    int recentConflicts() default StatusOptions.DEFAULT_CONFLICTS;

    @AttributeDefinition(
            name = "Things shown",
            description = "How many known things (by name) to list with their pending executions; the rest are "
                    + "counted only. At least 1, at most " + StatusOptions.MAX_THINGS + ".")
    int maxThings() default StatusOptions.DEFAULT_THINGS;
}
