package io.edgejobs.device.mqtt.internal;

import io.edgejobs.api.dataplane.JobExecutionsChangedEvent;
import io.edgejobs.api.dataplane.NextJobExecutionChangedEvent;
import io.edgejobs.api.upstream.ConnectionState;
import io.edgejobs.api.upstream.UpstreamListener;
import io.edgejobs.broker.internal.MqttServerFactoryComponent;
import io.edgejobs.engine.internal.GatewayEngine;
import io.edgejobs.store.sqlite.internal.TestStores;
import io.edgejobs.upstream.mqtt.internal.TestUpstreams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The child process of {@link GatewayKillReplayTest}: a whole gateway (store, engine, upstream connection to the
 * emulator, device listener) that reports on stdout — {@code READY <device port>}, {@code KNOWN <thing>} once a
 * thing's cache is filled, {@code UPSTREAM <state>} — and runs until it is killed with SIGKILL.
 */
public final class GatewayProcess {

    private GatewayProcess() {
    }

    public static void main(String[] args) throws Exception {
        TestStores.OpenStore store = TestStores.open(Path.of(args[0]));
        GatewayEngine engine = new GatewayEngine(store, GatewayFixture.ENGINE_OPTIONS, Clock.systemUTC());
        TestUpstreams.Started upstream = TestUpstreams.start(Integer.parseInt(args[1]), "edgejobs-gateway-child",
                GatewayFixture.UPSTREAM_TIMEOUT_MILLIS, new UpstreamListener() {
                    @Override
                    public void connectionStateChanged(ConnectionState state) {
                        engine.connectionStateChanged(state);
                        say("UPSTREAM " + state);
                    }

                    @Override
                    public void jobExecutionsChanged(String thingName, JobExecutionsChangedEvent event) {
                        engine.jobExecutionsChanged(thingName, event);
                    }

                    @Override
                    public void nextJobExecutionChanged(String thingName, NextJobExecutionChangedEvent event) {
                        engine.nextJobExecutionChanged(thingName, event);
                    }
                });
        engine.setUpstream(upstream.connection());
        DeviceMqttFrontend devices = DeviceMqttFrontend.start(new MqttServerFactoryComponent(),
                DeviceMqttOptions.DEFAULTS.withPort(0), engine, engine, Clock.systemUTC());
        engine.addNotificationListener(devices);
        say("READY " + devices.boundPort());
        Set<String> reported = new java.util.HashSet<>();
        while (true) {
            for (String thing : store.knownThings()) {
                if (reported.add(thing)) {
                    say("KNOWN " + thing);
                }
            }
            Thread.sleep(100); // polling the child's own store; the parent never waits on a fixed time
        }
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
