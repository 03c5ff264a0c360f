import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The floor of a cold start: a fresh JVM with the same flags whose class path is the PostgreSQL
 * driver plus this one class. It opens one JDBC connection with the function's environment
 * (INBOX_DB_URL, INBOX_DB_USER, INBOX_DB_PASSWORD), runs {@code SELECT 1} and prints the same line
 * as ColdStartRunner. Compiled by the bench against the JDK alone; not part of the Maven build.
 */
public final class BareJdbcRunner {
    public static void main(String[] args) throws Exception {
        long mainNanos = System.nanoTime();
        long mainMillis = System.currentTimeMillis();

        boolean ok;
        long answeredNanos;
        try (Connection c = DriverManager.getConnection(System.getenv("INBOX_DB_URL"), System.getenv("INBOX_DB_USER"),
                System.getenv("INBOX_DB_PASSWORD")); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1")) {
            ok = r.next() && r.getInt(1) == 1;
            answeredNanos = System.nanoTime();
        }
        long answeredMillis = mainMillis + (answeredNanos - mainNanos) / 1_000_000;

        // As in ColdStartRunner: the start times are read only now.
        double processAge = processAgeMillis();
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("COLDSTART {\"status\":" + (ok ? 200 : 500)
                + ",\"bodyBytes\":0"
                + ",\"processStartToAnswerMs\":" + (processAge < 0 ? -1 : processAge - (System.nanoTime() - answeredNanos) / 1e6)
                + ",\"jvmStartToAnswerMs\":" + (answeredMillis - jvmStart)
                + ",\"jvmStartToMainMs\":" + (mainMillis - jvmStart)
                + ",\"handlerConstructionMs\":0"
                + ",\"firstRequestMs\":" + (answeredNanos - mainNanos) / 1_000_000.0 + "}");
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    /** ColdStartRunner's, copied: each runner is one class with nothing else on its class path. */
    private static double processAgeMillis() {
        try {
            String uptime = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/uptime")));
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22 of stat; fields[0] is field 3
            double up = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return (up - startTicks / 100.0) * 1000.0; // USER_HZ is 100 on Linux
        } catch (Exception | Error e) {
            return -1;
        }
    }
}
