using Fireside.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddFiresideWeb();

var app = builder.Build();
await app.UseFiresideWebAsync();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
