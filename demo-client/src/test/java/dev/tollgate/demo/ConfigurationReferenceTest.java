package dev.tollgate.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table is what an operator reads, so it must say what the code does: every
 * {@code tollgate.*} property of {@link DemoClientProperties} (as the configuration processor's metadata lists them), and no
 * other, each with the environment variable {@link EnvironmentVariables} maps to it and the record's default.
 */
class ConfigurationReferenceTest {

    private static final String SECTION = "### demo-client";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final Map<String, JsonNode> metadata = metadata();
    private final Map<String, ReadmeRow> readme = readmeRows();

    @Test
    void theReadmeListsEveryPropertyAndNoOther() {
        assertThat(difference(metadata.keySet(), readme.keySet()))
                .as("tollgate.* properties of DemoClientProperties missing from the README's table under " + SECTION)
                .isEmpty();
        assertThat(difference(readme.keySet(), metadata.keySet()))
                .as("tollgate.* properties in the README's table under " + SECTION + " that DemoClientProperties lacks")
                .isEmpty();
    }

    @Test
    void theReadmeNamesTheEnvironmentVariableOfEachProperty() {
        Map<String, String> variables = new LinkedHashMap<>();
        EnvironmentVariables.PROPERTIES.forEach((variable, property) -> variables.put(property, variable));
        assertThat(difference(variables.keySet(), metadata.keySet()))
                .as("EnvironmentVariables maps to properties that DemoClientProperties does not have")
                .isEmpty();
        List<String> wrong = new ArrayList<>();
        readme.forEach((property, row) -> {
            if (metadata.containsKey(property) && !Objects.equals(row.variable(), variables.get(property))) {
                wrong.add(property + ": the README says " + row.variable() + ", EnvironmentVariables "
                        + variables.get(property));
            }
        });
        assertThat(wrong).as("environment variables").isEmpty();
    }

    @Test
    void theReadmeShowsTheDefaultOfEachProperty() {
        List<String> wrong = new ArrayList<>();
        metadata.forEach((property, item) -> {
            JsonNode defaultValue = item.get("defaultValue");
            if (defaultValue != null && defaultValue.isValueNode() && readme.containsKey(property)
                    && !readme.get(property).defaultValue().contains("`" + defaultValue.asString() + "`")) {
                wrong.add(property + ": the README says " + readme.get(property).defaultValue() + ", DemoClientProperties `"
                        + defaultValue.asString() + "`");
            }
        });
        assertThat(wrong).as("defaults").isEmpty();
    }

    private static TreeSet<String> difference(Collection<String> these, Collection<String> butNotThese) {
        TreeSet<String> left = new TreeSet<>(these);
        left.removeAll(butNotThese);
        return left;
    }

    /** The {@code tollgate.*} properties the configuration processor found, by name. */
    private static Map<String, JsonNode> metadata() {
        Path file = classesDirectory().resolve("META-INF/spring-configuration-metadata.json");
        assertThat(file).as("the configuration processor's output (compile the module first)").exists();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(file.toFile()).get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("tollgate.")) {
                properties.put(name, property);
            }
        }
        return properties;
    }

    private record ReadmeRow(String variable, String defaultValue) {
    }

    /**
     * The {@code tollgate.*} rows of this module's table: {@code | property | environment variable | default | what |}.
     * A cell may name two related properties, {@code `tollgate.x.client-id` / `client-secret`}, and their variables.
     */
    private static Map<String, ReadmeRow> readmeRows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(classesDirectory().getParent().getParent().getParent().resolve("README.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int start = lines.indexOf(SECTION);
        assertThat(start).as("the README's section " + SECTION).isNotNegative();
        Map<String, ReadmeRow> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 4) {
                continue;
            }
            List<String> properties = codeIn(cells[1]);
            List<String> variables = codeIn(cells[2]);
            for (int i = 0; i < properties.size(); i++) {
                String property = i == 0 || properties.get(i).contains(".") ? properties.get(i)
                        : properties.get(0).substring(0, properties.get(0).lastIndexOf('.') + 1) + properties.get(i);
                if (property.startsWith("tollgate.")) {
                    rows.put(property, new ReadmeRow(i < variables.size() ? variables.get(i) : null, cells[3].strip()));
                }
            }
        }
        return rows;
    }

    private static List<String> codeIn(String cell) {
        List<String> code = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            code.add(matcher.group(1));
        }
        return code;
    }

    private static Path classesDirectory() {
        try {
            return Path.of(DemoClientProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
