package org.clearwatch.schema;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds the smallest valid record of any schema, with every field set to a plain value. */
final class SampleRecords {

    private SampleRecords() {}

    static GenericRecord minimal(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema()));
        }
        return record;
    }

    private static Object value(Schema schema) {
        switch (schema.getType()) {
            case RECORD:
                return minimal(schema);
            case ENUM:
                return new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case ARRAY:
                return List.of();
            case MAP:
                return Map.of();
            case UNION:
                return value(schema.getTypes().get(0));
            case STRING:
                return "x";
            case INT:
                return 1;
            case LONG:
                return 1L;
            case DOUBLE:
                return 1.0;
            case FLOAT:
                return 1.0f;
            case BOOLEAN:
                return true;
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException("no sample for " + schema.getType());
        }
    }
}
