using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace TechSupport.Web.Pages.Shared;

// The built-in helpers only add a CSS class to a field in error; screen readers also need aria-invalid and a
// pointer to the message, so the message span gets an id and the field names it in aria-describedby.
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    // After the built-in helpers, which run at order 0.
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!; // set by Razor before Process

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!; // set by Razor before Process

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = FieldErrors.FullName(ViewContext, For);
        if (!FieldErrors.HasError(ViewContext, name)
            || string.Equals(output.Attributes["type"]?.Value?.ToString(), "hidden", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes["aria-describedby"]?.Value?.ToString();
        var errorId = FieldErrors.MessageId(name);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(described) ? errorId : $"{described} {errorId}");
    }
}

[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!; // set by Razor before Process

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!; // set by Razor before Process

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id"))
        {
            output.Attributes.SetAttribute("id", FieldErrors.MessageId(FieldErrors.FullName(ViewContext, For)));
        }
    }
}

internal static class FieldErrors
{
    public static string FullName(ViewContext view, ModelExpression field) =>
        view.ViewData.TemplateInfo.GetFullHtmlFieldName(field.Name);

    // ModelState keys compare without case, so "title" from the mediator matches the field "Title".
    public static bool HasError(ViewContext view, string name) =>
        view.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

    public static string MessageId(string name) => TagBuilder.CreateSanitizedId(name, "_") + "-error";
}
