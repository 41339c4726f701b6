using System.Reflection;

namespace Wheelsmith.Frosting.Internal;

internal static class TaskNames
{
    public static string Of(Type task) => task.GetCustomAttribute<TaskNameAttribute>()?.Name ?? task.Name;
}
