using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TechSupport.Web.Pages.Shared;

// A form's enumeration as exactly one of its names, as the API reads JSON (StrictEnumConverter). The framework's
// binder reads "Engineer,Manager" as the bitwise OR of both, which is Admin, and takes numbers; this one refuses
// both, so the field is named in the form's errors. An empty value is no choice (null).
public sealed class StrictEnumModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var name = bindingContext.ModelName;
        var value = bindingContext.ValueProvider.GetValue(name);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(name, value);
        var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (Nullable.GetUnderlyingType(bindingContext.ModelType) is not null)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }

            return Task.CompletedTask;
        }

        var names = Enum.GetNames(type);
        var named = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (named is null)
        {
            bindingContext.ModelState.TryAddModelError(name, $"Pick one of: {string.Join(", ", names)}.");
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(Enum.Parse(type, named));
        return Task.CompletedTask;
    }
}

// Every enumeration a page binds, from a form or a query string, is read by StrictEnumModelBinder.
public sealed class StrictEnumModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType).IsEnum ? new StrictEnumModelBinder() : null;
}
