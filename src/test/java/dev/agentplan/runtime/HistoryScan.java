package dev.agentplan.runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every piece of text a run's history holds: each string field and each byte field (payload data
 * and metadata, decoded as UTF-8) of every event, walked generically, plus every base64 string
 * of the exported JSON, decoded. Tests look for secret values in it.
 */
final class HistoryScan {

    private static final Pattern BASE64 = Pattern.compile("\"([A-Za-z0-9+/]{8,}={0,2})\"");

    final List<String> texts = new ArrayList<>();
    int payloadBytesFields;
    int base64Strings;

    static HistoryScan of(WorkflowExecutionHistory history) {
        HistoryScan scan = new HistoryScan();
        for (HistoryEvent e : history.getEvents()) {
            scan.walk(e);
        }
        String export = history.toJson(true);
        scan.texts.add(export);
        Matcher m = BASE64.matcher(export);
        while (m.find()) {
            try {
                scan.texts.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
                scan.base64Strings++;
            } catch (IllegalArgumentException notBase64) {
                // an ordinary string that looks like base64
            }
        }
        return scan;
    }

    private void walk(Message message) {
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            Object value = field.getValue();
            if (value instanceof List<?> list) {
                list.forEach(this::value);
            } else {
                value(value);
            }
        }
    }

    private void value(Object value) {
        if (value instanceof Message m) {
            walk(m);
        } else if (value instanceof ByteString bytes) {
            texts.add(bytes.toStringUtf8());
            payloadBytesFields++;
        } else if (value instanceof String s) {
            texts.add(s);
        }
    }

    /** The texts that contain {@code needle}. */
    List<String> containing(String needle) {
        return texts.stream().filter(t -> t.contains(needle)).toList();
    }
}
