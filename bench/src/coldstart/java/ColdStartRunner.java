import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.functions.conversations.ConversationsHandler;
import java.util.Map;

/**
 * Cold start of the conversations function, as a Lambda container sees it: a fresh JVM whose class
 * path is the deployed jar plus this one class. Builds the handler with its no-arg constructor
 * (configuration from the environment, as on Lambda), answers one list request and prints the
 * time from JVM process start to the answer. Compiled by the bench against conversations.jar only;
 * not part of the Maven build.
 *
 * <p>Arguments: organization id, user id, role.
 */
public final class ColdStartRunner {
    public static void main(String[] args) {
        long mainNanos = System.nanoTime();
        long mainMillis = System.currentTimeMillis();

        ConversationsHandler handler = new ConversationsHandler();
        long handlerNanos = System.nanoTime();

        String path = "/api/inbox/conversations";
        Map<String, String> claims = Map.of("sub", args[1], "org_id", args[0], "role", args[2]);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET " + path)
                .withRawPath(path)
                .withQueryStringParameters(Map.of("view", "all", "limit", "25"))
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(RequestContext.builder()
                        .withRouteKey("GET " + path)
                        .withHttp(RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .withAuthorizer(RequestContext.Authorizer.builder()
                                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                                .build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answeredNanos = System.nanoTime();
        long answeredMillis = mainMillis + (answeredNanos - mainNanos) / 1_000_000;

        // Read the start times only now: the management classes would otherwise add to the measure.
        double processAge = processAgeMillis();
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("COLDSTART {\"status\":" + response.getStatusCode()
                + ",\"bodyBytes\":" + (response.getBody() == null ? 0 : response.getBody().length())
                + ",\"processStartToAnswerMs\":" + (processAge < 0 ? -1 : processAge - (System.nanoTime() - answeredNanos) / 1e6)
                + ",\"jvmStartToAnswerMs\":" + (answeredMillis - jvmStart)
                + ",\"jvmStartToMainMs\":" + (mainMillis - jvmStart)
                + ",\"handlerConstructionMs\":" + (handlerNanos - mainNanos) / 1_000_000.0
                + ",\"firstRequestMs\":" + (answeredNanos - handlerNanos) / 1_000_000.0 + "}");
        System.out.flush();
        System.exit(response.getStatusCode() == 200 ? 0 : 1);
    }

    /**
     * How long ago the OS started this process, from /proc (Linux): uptime minus the process's start
     * in clock ticks since boot, both 10 ms granular. (ProcessHandle's startInstant adds the boot
     * time, which Linux gives in whole seconds, so it can be off by up to a second.) -1 elsewhere.
     */
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
