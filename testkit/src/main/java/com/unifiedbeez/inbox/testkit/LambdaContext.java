package com.unifiedbeez.inbox.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Context} of an invocation outside AWS (tests, the local runtime): the names Lambda
 * gives ({@code /aws/lambda/<function>} log group, {@code $LATEST}, the function's ARN), a deadline
 * from the function's timeout counted from creation, and a logger writing to SLF4J as
 * {@code lambda.<function>}. Immutable: the {@code with...} methods return a changed copy.
 */
public final class LambdaContext implements Context {
    private final String functionName;
    private final String requestId;
    private final String region;
    private final String accountId;
    private final String logStreamName;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    private LambdaContext(String functionName, String requestId, String region, String accountId,
                          String logStreamName, int memoryMb, long deadlineMillis) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.region = region;
        this.accountId = accountId;
        this.logStreamName = logStreamName;
        this.memoryMb = memoryMb;
        this.deadlineMillis = deadlineMillis;
        Logger log = LoggerFactory.getLogger("lambda." + functionName);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.info(message == null ? "null" : message.stripTrailing());
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * {@code functionName}'s context: a random request id, region us-east-1, account
     * {@value EmbeddedAws#ACCOUNT_ID}, log stream {@code local/[$LATEST]<function>}, 512 MB, 30 s.
     */
    public static LambdaContext of(String functionName) {
        return of(functionName, UUID.randomUUID().toString(), 512, 30);
    }

    /** One invocation of {@code functionName} with its memory and timeout (the local runtime's). */
    public static LambdaContext of(String functionName, String requestId, int memoryMb, int timeoutSeconds) {
        return new LambdaContext(functionName, requestId, "us-east-1", EmbeddedAws.ACCOUNT_ID,
                "local/[$LATEST]" + functionName, memoryMb, deadline(timeoutSeconds));
    }

    public LambdaContext withRequestId(String value) {
        return new LambdaContext(functionName, value, region, accountId, logStreamName, memoryMb, deadlineMillis);
    }

    /** The region and account of the function's ARN. */
    public LambdaContext withArnOf(String regionName, String account) {
        return new LambdaContext(functionName, requestId, regionName, account, logStreamName, memoryMb, deadlineMillis);
    }

    public LambdaContext withLogStream(String value) {
        return new LambdaContext(functionName, requestId, region, accountId, value, memoryMb, deadlineMillis);
    }

    public LambdaContext withMemoryMb(int value) {
        return new LambdaContext(functionName, requestId, region, accountId, logStreamName, value, deadlineMillis);
    }

    /** The deadline: {@code seconds} from now. */
    public LambdaContext withTimeoutSeconds(int seconds) {
        return new LambdaContext(functionName, requestId, region, accountId, logStreamName, memoryMb,
                deadline(seconds));
    }

    private static long deadline(int timeoutSeconds) {
        return System.currentTimeMillis() + timeoutSeconds * 1000L;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
