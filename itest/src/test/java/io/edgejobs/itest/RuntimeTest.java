package io.edgejobs.itest;

import static io.edgejobs.itest.DistributionOptions.distribution;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The assembled distribution boots: every bundle active, every project component satisfied and configurable. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeTest {

    /** Components that must be present; the test fails rather than pass vacuously when one goes missing. */
    private static final Set<String> EXPECTED_COMPONENTS = Set.of("io.edgejobs.console.guard", "io.edgejobs.store",
            "io.edgejobs.broker", "io.edgejobs.emulator", "io.edgejobs.upstream", "io.edgejobs.engine",
            "io.edgejobs.device.mqtt", "io.edgejobs.device.http", "io.edgejobs.console");
    private static final String PREFIX = "io.edgejobs.";

    @Inject
    private BundleContext context;
    @Inject
    private ServiceComponentRuntime scr;
    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] configuration() {
        return new Option[] {distribution()};
    }

    @Test
    public void everyDistributionBundleIsActive() {
        // given the framework started with every jar of the distribution
        // then each of them is ACTIVE (fragments are only RESOLVED)
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notActive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + state(bundle));
            }
        }
        assertTrue("Bundles not active: " + notActive, notActive.isEmpty());
        int distributionJars = DistributionOptions.distributionBundles().size();
        assertTrue("Expected at least the " + distributionJars + " distribution bundles, found "
                + context.getBundles().length, context.getBundles().length > distributionJars);
    }

    @Test
    public void everyProjectComponentIsSatisfied() {
        // when SCR has processed the project bundles
        // then every io.edgejobs component has a configuration that is SATISFIED or ACTIVE
        Poll.until(Duration.ofSeconds(20), () -> componentProblems().isEmpty(),
                () -> "project components not satisfied:\n  " + String.join("\n  ", componentProblems()));
        assertExpectedComponentsPresent();
    }

    @Test
    public void everyProjectPidHasAMetaTypeDefinitionInKuraLayout() {
        // given every project component
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO component : projectComponents()) {
            Bundle bundle = context.getBundle(component.bundle.id);
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            for (String pid : component.configurationPid) {
                // then MetaType has an OCD for its PID (what the Web Console and Kura render) ...
                ObjectClassDefinition ocd = info == null ? null : info.getObjectClassDefinition(pid, null);
                if (ocd == null) {
                    problems.add(pid + ": no MetaType OCD in " + bundle.getSymbolicName());
                } else if (ocd.getAttributeDefinitions(ObjectClassDefinition.ALL) == null) {
                    problems.add(pid + ": OCD has no attributes");
                }
                // ... and component name = PID = metatype file name (Kura's ConfigurationService contract)
                if (!pid.equals(component.name)) {
                    problems.add(component.name + ": configuration PID " + pid + " differs from the component name");
                }
            }
            if (bundle.getEntry("OSGI-INF/metatype/" + component.name + ".xml") == null) {
                problems.add(component.name + ": no OSGI-INF/metatype/" + component.name + ".xml");
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
        assertExpectedComponentsPresent();
    }

    private void assertExpectedComponentsPresent() {
        Set<String> names = projectComponents().stream().map(d -> d.name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(EXPECTED_COMPONENTS);
        missing.removeAll(names);
        assertTrue("Components missing from SCR: " + missing + " (found " + names + ")", missing.isEmpty());
    }

    private List<ComponentDescriptionDTO> projectComponents() {
        return scr.getComponentDescriptionDTOs().stream().filter(d -> d.name.startsWith(PREFIX)).toList();
    }

    private List<String> componentProblems() {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO component : projectComponents()) {
            if (!scr.isComponentEnabled(component)) {
                problems.add(component.name + ": disabled");
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(component);
            if (configurations.isEmpty()) {
                problems.add(component.name + ": no component configuration (configuration-policy "
                        + component.configurationPolicy + ", PIDs " + Arrays.toString(component.configurationPid)
                        + "): a required configuration is missing");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(describe(component, configuration));
                }
            }
        }
        return problems;
    }

    private static String describe(ComponentDescriptionDTO component, ComponentConfigurationDTO configuration) {
        StringBuilder text = new StringBuilder(component.name).append(": ").append(stateName(configuration.state));
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            String service = Arrays.stream(component.references).filter(r -> r.name.equals(reference.name))
                    .map(r -> r.interfaceName).findFirst().orElse("?");
            text.append("; unsatisfied reference '").append(reference.name).append("' to ").append(service);
            if (reference.target != null) {
                text.append(" target ").append(reference.target);
            }
        }
        if (configuration.failure != null) {
            text.append("; activation failed: ").append(configuration.failure);
        }
        return text.toString();
    }

    private static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "state " + state;
        };
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED (not resolved: check its imports)";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
