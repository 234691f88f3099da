package dev.tollgate.testsupport;

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
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A module's configuration table in the README next to what its code says: the {@code tollgate.*} properties the
 * configuration processor found in the module's {@code @ConfigurationProperties} records (its
 * {@code META-INF/spring-configuration-metadata.json}), their defaults, and the environment variable the module maps
 * to each. Each method answers the differences of one kind, as lines to show when a test fails; none means the
 * README says what the code does.
 * <p>
 * A table row is {@code | property | environment variable | default | what |}; a cell may name two related properties,
 * {@code `tollgate.x.client-id` / `client-secret`}, and their variables. A property whose type is a map, such as
 * {@code tollgate.federation.providers}, is documented by rows for its entries ({@code tollgate.federation.providers.
 * google.client-id}).
 */
public final class ConfigurationReference {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final String section;
    private final Map<String, JsonNode> metadata;
    private final Map<String, String> variableOfProperty = new LinkedHashMap<>();
    private final Map<String, ReadmeRow> readme = new LinkedHashMap<>();
    private final List<String> listedTwice = new ArrayList<>();

    private record ReadmeRow(String variable, String defaultValue) {
    }

    /**
     * @param moduleClass any main class of the module (its classes directory holds the metadata; the README is at the
     *                    root of the repository, three levels up)
     * @param section     the heading of the module's table, e.g. {@code ### auth-server}
     * @param variables   the module's published environment variables, each with the property it sets
     */
    public ConfigurationReference(Class<?> moduleClass, String section, Map<String, String> variables) {
        this.section = section;
        Path classes = classesDirectory(moduleClass);
        this.metadata = metadata(classes);
        variables.forEach((variable, property) -> variableOfProperty.put(property, variable));
        readRows(classes.getParent().getParent().getParent().resolve("README.md"));
    }

    /** Properties of the code that the README's table does not list. */
    public TreeSet<String> propertiesMissingFromTheReadme() {
        TreeSet<String> missing = new TreeSet<>();
        metadata.keySet().stream()
                .filter(property -> !readme.containsKey(property))
                .filter(property -> !isMap(property)
                        || readme.keySet().stream().noneMatch(row -> row.startsWith(property + ".")))
                .forEach(missing::add);
        return missing;
    }

    /** Rows of the README's table that name a property the code does not have. */
    public TreeSet<String> readmeRowsTheCodeLacks() {
        return unknown(readme.keySet());
    }

    /** Properties the README's table lists more than once. */
    public List<String> propertiesListedTwice() {
        return List.copyOf(listedTwice);
    }

    /** Environment variables mapped to a property the code does not have. */
    public TreeSet<String> variablesOfUnknownProperties() {
        return unknown(variableOfProperty.keySet());
    }

    /** Rows whose environment variable is not the one the module maps to the property. */
    public List<String> wrongVariables() {
        List<String> wrong = new ArrayList<>();
        readme.forEach((property, row) -> {
            if (isKnown(property) && !Objects.equals(row.variable(), variableOfProperty.get(property))) {
                wrong.add(property + ": the README says " + row.variable() + ", the code maps "
                        + variableOfProperty.get(property));
            }
        });
        return wrong;
    }

    /** Rows whose default column does not show the record's default (as {@code `value`}). */
    public List<String> wrongDefaults() {
        List<String> wrong = new ArrayList<>();
        metadata.forEach((property, item) -> {
            String defaultValue = defaultValue(item);
            if (defaultValue != null && readme.containsKey(property)
                    && !readme.get(property).defaultValue().contains("`" + defaultValue + "`")) {
                wrong.add(property + ": the README says " + readme.get(property).defaultValue() + ", the code `"
                        + defaultValue + "`");
            }
        });
        return wrong;
    }

    /**
     * A list default is written as the environment variable takes it: comma-separated. The configuration processor
     * writes a record's {@code @DefaultValue({"a", "b"})} as the string {@code "[a, b]"} (a JSON array elsewhere).
     */
    private static String defaultValue(JsonNode item) {
        JsonNode value = item.get("defaultValue");
        if (value == null) {
            return null;
        }
        List<String> elements = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> elements.add(element.asString()));
        }
        else if (isList(item) && value.asString().startsWith("[") && value.asString().endsWith("]")) {
            String inside = value.asString().substring(1, value.asString().length() - 1);
            if (!inside.isBlank()) {
                elements.addAll(List.of(inside.split(", ")));
            }
        }
        else {
            return value.isValueNode() ? value.asString() : null;
        }
        return elements.isEmpty() ? null : String.join(",", elements);
    }

    private static boolean isList(JsonNode item) {
        JsonNode type = item.get("type");
        return type != null && type.asString().matches("java\\.util\\.(List|Set|Collection)<.*|.*\\[\\]");
    }

    private TreeSet<String> unknown(Collection<String> properties) {
        return properties.stream().filter(property -> !isKnown(property))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private boolean isKnown(String property) {
        return metadata.containsKey(property) || metadata.keySet().stream()
                .anyMatch(known -> isMap(known) && property.startsWith(known + "."));
    }

    private boolean isMap(String property) {
        JsonNode type = metadata.get(property).get("type");
        return type != null && type.asString().startsWith("java.util.Map<");
    }

    /** The {@code tollgate.*} properties the configuration processor found, by name. */
    private static Map<String, JsonNode> metadata(Path classes) {
        Path file = classes.resolve("META-INF/spring-configuration-metadata.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no " + file + ": the configuration processor writes it when the module "
                    + "compiles");
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(file.toFile()).get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("tollgate.")) {
                properties.put(name, property);
            }
        }
        return properties;
    }

    private void readRows(Path readmeFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readmeFile);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int start = lines.indexOf(section);
        if (start < 0) {
            throw new IllegalStateException("the README has no section " + section);
        }
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
                    ReadmeRow row = new ReadmeRow(i < variables.size() ? variables.get(i) : null, cells[3].strip());
                    if (readme.putIfAbsent(property, row) != null) {
                        listedTwice.add(property);
                    }
                }
            }
        }
    }

    private static List<String> codeIn(String cell) {
        List<String> code = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            code.add(matcher.group(1));
        }
        return code;
    }

    private static Path classesDirectory(Class<?> moduleClass) {
        try {
            return Path.of(moduleClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
