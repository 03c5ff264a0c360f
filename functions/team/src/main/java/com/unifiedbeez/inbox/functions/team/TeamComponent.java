package com.unifiedbeez.inbox.functions.team;

import com.unifiedbeez.inbox.assignment.AgentAssigner;
import com.unifiedbeez.inbox.assignment.AssignmentHistory;
import com.unifiedbeez.inbox.assignment.AssignmentSweep;
import com.unifiedbeez.inbox.assignment.BulkReassigner;
import com.unifiedbeez.inbox.assignment.ConversationClaimer;
import com.unifiedbeez.inbox.assignment.ConversationRoutingEditor;
import com.unifiedbeez.inbox.assignment.ConversationTransfer;
import com.unifiedbeez.inbox.assignment.MemberRoutingEditor;
import com.unifiedbeez.inbox.assignment.OnDemandAssigner;
import com.unifiedbeez.inbox.assignment.TeamInbox;
import com.unifiedbeez.inbox.assignment.TeamWorkload;
import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.http.HttpComponent;
import com.unifiedbeez.inbox.platform.time.ClockModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** PostgreSQL, the realtime nudge and the clock: what the team route group and the assignment sweep need. */
@Singleton
@Component(modules = {DatabaseModule.class, SqsModule.class, RealtimeNudgeModule.class, ClockModule.class})
public interface TeamComponent extends HttpComponent {
    TeamInbox inbox();

    TeamWorkload workload();

    AgentAssigner assigner();

    ConversationClaimer claimer();

    ConversationTransfer transfer();

    OnDemandAssigner autoAssigner();

    BulkReassigner bulk();

    AssignmentHistory history();

    MemberRoutingEditor members();

    ConversationRoutingEditor routing();

    AssignmentSweep sweep();

    @Component.Factory
    interface Factory {
        TeamComponent create(@BindsInstance Config config);
    }
}
