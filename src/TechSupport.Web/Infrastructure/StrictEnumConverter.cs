using System.Text.Json;
using System.Text.Json.Serialization;

namespace TechSupport.Web.Infrastructure;

// Enumerations travel as one of their names (DESIGN: input case-insensitive). The framework's string
// converter also reads "Engineer,Manager" as the bitwise OR of both, which made an Admin, and numbers;
// this one takes exactly one defined name and refuses the rest, so the field is named in a 400.
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NameOnly<>).MakeGenericType(typeToConvert))!; // an enum type always has this converter

    private sealed class NameOnly<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Give one of: {string.Join(", ", Enum.GetNames<T>())}.");
            }

            var text = reader.GetString()?.Trim() ?? "";
            var named = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return named is null
                ? throw new JsonException($"'{text}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.")
                : Enum.Parse<T>(named);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
