using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class FaultNumberTests
{
    [Theory]
    [InlineData("TS-1042", 1042)]
    [InlineData("ts-7", 7)]
    [InlineData(" TS-12 ", 12)]
    [InlineData("12", 12)]
    public void A_fault_number_is_read_as_typed(string text, int expected)
    {
        Assert.True(FaultNumber.TryParse(text, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("TS-")]
    [InlineData("TS-0")]
    [InlineData("TS--3")]
    [InlineData("TS-12a")]
    [InlineData("resolve")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_fault_number(string? text) => Assert.False(FaultNumber.TryParse(text, out _));
}
