# SAM's makefile builder (template.yaml: CodeUri: . and Metadata: BuildMethod: makefile).
#
# For each function `sam build` copies CodeUri (this repository root, minus .git and .aws-sam) to a
# scratch directory -- or uses the tree itself with `sam build --build-in-source` -- runs
#     make --makefile <this Makefile> build-<LogicalId>
# in that directory, with ARTIFACTS_DIR set to the function's (absolute) artifact directory.
# Whatever lands in ARTIFACTS_DIR is zipped as the function's code: Lambda's Java runtime loads
# classes from the zip root (and jars under lib/), so the shaded jar is unpacked there.
#
# Outside SAM: make build-MigrateFunction ARTIFACTS_DIR=/tmp/art-migrate [MVN_FLAGS="-B -q -o"]

MVN ?= mvn
MVN_FLAGS ?= -B -q

.PHONY: build-ConversationsFunction build-MessagesFunction build-OutboundSweeperFunction build-MigrateFunction \
	build-WebhookWhatsAppFunction build-WebhookMessengerFunction build-WebhookInstagramFunction build-WebhookTelegramFunction build-WebhookSmsFunction build-InboundNormalizerFunction build-OutboundSenderFunction build-ChannelsFunction build-EmailPollerFunction \
	build-NotificationMailerFunction build-SettingsFunction build-TeamFunction build-AssignmentSweepFunction \
	build-RealtimeFunction build-RealtimeFanoutFunction build-RealtimeSweepFunction \
	build-WsConnectFunction build-WsDisconnectFunction build-WsDefaultFunction build-RetentionFunction

build-ConversationsFunction:
	$(call lambda-artifact,conversations)

build-MessagesFunction:
	$(call lambda-artifact,messages)

build-OutboundSweeperFunction:
	$(call lambda-artifact,outbound-sweeper)

build-MigrateFunction:
	$(call lambda-artifact,migrate)

# One artifact for the five webhook functions; each function names its own handler class.
build-WebhookWhatsAppFunction build-WebhookMessengerFunction build-WebhookInstagramFunction \
build-WebhookTelegramFunction build-WebhookSmsFunction:
	$(call lambda-artifact,webhooks)

build-InboundNormalizerFunction:
	$(call lambda-artifact,inbound-normalizer)

build-OutboundSenderFunction:
	$(call lambda-artifact,outbound-sender)

build-ChannelsFunction:
	$(call lambda-artifact,channels)

build-EmailPollerFunction:
	$(call lambda-artifact,email-poller)

build-SettingsFunction:
	$(call lambda-artifact,settings)

# One artifact for the team route group and the assignment sweep; each names its own handler class.
build-TeamFunction build-AssignmentSweepFunction:
	$(call lambda-artifact,team)

build-NotificationMailerFunction:
	$(call lambda-artifact,notifications)

build-RetentionFunction:
	$(call lambda-artifact,retention)

# One artifact for the six realtime functions (WebSocket routes, fan-out, sweep, HTTP routes); each
# names its own handler class.
build-RealtimeFunction build-RealtimeFanoutFunction build-RealtimeSweepFunction \
build-WsConnectFunction build-WsDisconnectFunction build-WsDefaultFunction:
	$(call lambda-artifact,realtime)

# $(1): the module under functions/ and the name of its shaded jar (<lambda.jar> in its pom).
define lambda-artifact
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 1; }
	$(MVN) $(MVN_FLAGS) -pl functions/$(1) -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)"
	if command -v unzip >/dev/null 2>&1; then \
	  unzip -q -o "functions/$(1)/target/$(1).jar" -d "$(ARTIFACTS_DIR)"; \
	else \
	  archive="$$(pwd)/functions/$(1)/target/$(1).jar" && cd "$(ARTIFACTS_DIR)" && jar xf "$$archive"; \
	fi
endef
