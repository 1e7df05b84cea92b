package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.LifecycleDecision;
import dev.fanout.agent.RegistryEntry;
import dev.fanout.agent.Resource;
import dev.fanout.agent.ResourceProblem;
import dev.fanout.agent.ResourceStatus;
import dev.fanout.agent.SkillDefinition;
import java.util.List;

/** Skills, agents and their lifecycle as JSON, for {@code --json}: stable snake_case fields. */
final class ResourceJson {
    private ResourceJson() {}

    static ObjectNode resource(Resource r, boolean shadowed, boolean withBody) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("kind", r.kind().label());
        n.put("name", r.name());
        n.put("description", r.description());
        n.put("origin", r.origin().label());
        n.put("path", r.path().toString());
        n.put("shadowed", shadowed);
        if (r instanceof SkillDefinition s) {
            s.capabilities().forEach(n.putArray("capabilities")::add);
            n.set("metadata", Json.mapper().valueToTree(s.metadata()));
            if (withBody) {
                n.put("body", s.body());
            }
        } else if (r instanceof AgentDefinition a) {
            a.tools().forEach(n.putArray("tools")::add);
            n.put("model", a.model());
            if (a.pool() != null) {
                n.put("pool", a.pool());
            }
            a.command().forEach(n.putArray("command")::add);
            n.set("metadata", Json.mapper().valueToTree(a.metadata()));
            if (withBody) {
                n.put("body", a.body());
            }
        }
        return n;
    }

    static ArrayNode problems(List<ResourceProblem> problems) {
        ArrayNode list = Json.mapper().createArrayNode();
        for (ResourceProblem p : problems) {
            ObjectNode n = list.addObject();
            n.put("path", p.path().toString());
            n.put("line", p.line());
            n.put("problem", p.problem());
        }
        return list;
    }

    static ObjectNode status(ResourceStatus s) {
        RegistryEntry e = s.entry();
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("kind", e.kind().label());
        n.put("name", e.name());
        n.put("path", e.path().toString());
        n.put("description", e.description());
        n.put("tracked", s.tracked());
        n.put("file_exists", s.fileExists());
        n.put("created_by", e.createdBy().label());
        n.put("created_at", e.createdAt().toString());
        n.put("last_used", e.lastUsed() == null ? null : e.lastUsed().toString());
        n.put("usage_count", e.usageCount());
        n.put("useful", e.useful());
        decision(n, s.decision());
        return n;
    }

    static ObjectNode decision(LifecycleDecision d) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("kind", d.kind().label());
        n.put("name", d.name());
        decision(n, d);
        return n;
    }

    private static void decision(ObjectNode n, LifecycleDecision d) {
        n.put("decision", d.verdict());
        n.put("rule", d.rule().name().toLowerCase());
        n.put("reason", d.reason());
    }
}
