package io.edgejobs.console.internal;

import io.edgejobs.api.status.ReplayStatus;
import io.edgejobs.api.status.ReplayStatusProvider;
import io.edgejobs.api.store.JobStore;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamConnection;
import java.io.PrintWriter;
import java.util.Optional;
import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Edgejobs gateway" section of the Web Console's Status tab (a Felix Inventory printer): upstream connection
 * state, store facts, outbox depth, the outbox replay's counters and last run (from the engine's
 * {@link ReplayStatusProvider}), pending executions per known thing and the recent reconciliation conflicts.
 */
@Component(
        name = GatewayStatusPrinter.PID,
        configurationPid = GatewayStatusPrinter.PID,
        service = InventoryPrinter.class,
        property = {
            InventoryPrinter.NAME + "=edgejobs",
            InventoryPrinter.TITLE + "=Edgejobs gateway",
            InventoryPrinter.FORMAT + "=TEXT",
            InventoryPrinter.FORMAT + "=JSON"
        })
@Designate(ocd = Config.class)
public final class GatewayStatusPrinter implements InventoryPrinter {

    static final String PID = "io.edgejobs.console";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayStatusPrinter.class);

    private final StatusReader reader;
    private volatile StatusOptions options;

    // The gateway runs (offline) without an upstream connection; the section then says so.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UpstreamConnection upstream;

    // registered by the engine; the section works without it (store facts only)
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReplayStatusProvider replay;

    @Activate
    public GatewayStatusPrinter(@Reference(name = "store") JobStore store, Config config) {
        this.reader = new StatusReader(store);
        this.options = StatusOptions.from(config);
    }

    @Modified
    void modified(Config config) {
        options = StatusOptions.from(config);
    }

    @Override
    public void print(PrintWriter out, Format format, boolean isZip) {
        GatewayStatus status;
        try {
            status = reader.read(upstreamState(), replayStatus(), options);
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the gateway status from the store", e);
            if (Format.JSON.equals(format)) {
                out.println("{\"error\":" + Json.string("store unavailable: " + e) + "}");
            } else {
                out.println("Store unavailable: " + e);
            }
            out.flush();
            return;
        }
        if (Format.JSON.equals(format)) {
            new JsonStatusRenderer().render(status, out);
        } else {
            new TextStatusRenderer().render(status, out);
        }
    }

    /** Sets the replay status source (tests; DS injects the field). */
    void setReplayStatusProvider(ReplayStatusProvider provider) {
        this.replay = provider;
    }

    private Optional<ReplayStatus> replayStatus() {
        ReplayStatusProvider provider = replay;
        return provider == null ? Optional.empty() : Optional.of(provider.replayStatus());
    }

    private Optional<ConnectionState> upstreamState() {
        UpstreamConnection connection = upstream;
        return connection == null ? Optional.empty() : Optional.of(connection.state());
    }
}
