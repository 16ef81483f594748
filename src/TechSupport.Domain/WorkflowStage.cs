namespace TechSupport.Domain;

public enum WorkflowStage
{
    Ingest,
    Offline,
    Online,
    Grade,
    Audio,
    Vfx,
    Qc,
    Delivery,
    Archive
}
