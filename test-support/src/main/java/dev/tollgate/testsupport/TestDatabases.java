package dev.tollgate.testsupport;

import java.nio.file.Path;

/**
 * The JDBC URLs of the tests' H2 databases, so that every test database speaks the dialect the applications
 * give their own H2 in {@code application.yml} (which has to spell it out itself). The PostgreSQL databases come
 * from {@link EmbeddedPostgres}.
 */
public final class TestDatabases {

    /** As in the applications' {@code application.yml}: PostgreSQL's dialect, lower-case names, NULLs last. */
    private static final String POSTGRES_DIALECT = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * The start of an in-memory H2 URL, for annotation attributes, which need a constant:
     * {@code IN_MEMORY_H2 + "name" + IN_MEMORY_H2_SETTINGS} is {@link #h2(String) h2("name")}.
     */
    public static final String IN_MEMORY_H2 = "jdbc:h2:mem:";

    /** The end of an in-memory H2 URL: see {@link #IN_MEMORY_H2}. */
    public static final String IN_MEMORY_H2_SETTINGS = POSTGRES_DIALECT + ";DB_CLOSE_DELAY=-1";

    private TestDatabases() {
    }

    /**
     * In-memory database {@code name}, shared by whatever in this JVM names it and kept until the JVM ends (so that
     * the Spring contexts a test run caches find their data again).
     */
    public static String h2(String name) {
        return IN_MEMORY_H2 + name + IN_MEMORY_H2_SETTINGS;
    }

    /**
     * The H2 file database at {@code file} (without {@code .mv.db}), which an application started by a test has
     * open: {@code AUTO_SERVER} lets the test connect to it at the same time.
     */
    public static String h2File(Path file) {
        return "jdbc:h2:file:" + file + POSTGRES_DIALECT + ";AUTO_SERVER=TRUE";
    }
}
