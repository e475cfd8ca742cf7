<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR">
<context>
    <name>ApiClient</name>
    <message>
        <source>Cannot connect to the server. Check the network; your data is kept.</source>
        <translation>اتصال به سرور برقرار نیست. شبکه را بررسی کنید؛ اطلاعات واردشده محفوظ است.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again; your data is kept.</source>
        <translation>سرور به‌موقع پاسخ نداد. دوباره تلاش کنید؛ اطلاعات واردشده محفوظ است.</translation>
    </message>
    <message>
        <source>The server had a problem (error {status}). Try again in a minute.</source>
        <translation>سرور با مشکل روبه‌رو شد (خطای {status}). یک دقیقهٔ دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The server sent an answer the kiosk cannot read. Tell support.</source>
        <translation>پاسخ سرور برای پیشخوان قابل خواندن نیست. به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>نشست کاری شما به پایان رسیده است. دوباره وارد شوید.</translation>
    </message>
    <message>
        <source>This request waited longer than the server remembers requests, so it was not sent again (it might be done twice). Check it with the supervisor.</source>
        <translation>این درخواست بیش از مدتی که سرور درخواست‌ها را به یاد می‌سپارد در صف مانده است، پس دوباره فرستاده نشد (ممکن بود دو بار انجام شود). آن را با سرپرست بررسی کنید.</translation>
    </message>
    <message>
        <source>The kiosk could not send this request because of a fault of its own; it is kept and tried again. Tell support if it stays.</source>
        <translation>پیشخوان به‌سبب ایرادی در خودش نتوانست این درخواست را بفرستد؛ درخواست نگه داشته می‌شود و دوباره فرستاده می‌شود. اگر ماند، به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>The connection broke before the server&apos;s answer arrived. The request may have reached the server; sending it again cannot do it twice.</source>
        <translation>پیش از رسیدن پاسخ سرور، اتصال قطع شد. شاید درخواست به سرور رسیده باشد؛ فرستادن دوباره‌اش آن را دو بار انجام نمی‌دهد.</translation>
    </message>
    <message>
        <source>The counter&apos;s queue is still opening. Try again in a moment.</source>
        <translation>صف ارسال این میز خدمت هنوز در حال آماده شدن است. چند لحظه دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The counter&apos;s queue is locked: requests waiting on this PC were sealed with a key that is missing. A supervisor can set them aside in «waiting to be sent»; until then nothing new can be queued.</source>
        <translation>صف ارسال این میز خدمت قفل است: درخواست‌های منتظر روی این رایانه با کلیدی رمز شده‌اند که دیگر در دسترس نیست. سرپرست می‌تواند در «در انتظار ارسال» آن‌ها را کنار بگذارد؛ تا آن زمان درخواست تازه‌ای در صف نمی‌رود.</translation>
    </message>
    <message>
        <source>The copy of this document kept on this PC for sending was damaged. Attach the document again.</source>
        <translation>نسخه‌ای از این مدرک که برای ارسال روی این رایانه نگه داشته شده بود آسیب دیده است. مدرک را دوباره پیوست کنید.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Isfahan citizen services counter</source>
        <translation>پیشخوان خدمات شهری اصفهان</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Try again</source>
        <translation>تلاش دوباره</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <source>Bill</source>
        <translation>قبض</translation>
    </message>
    <message>
        <source>Bill ID</source>
        <translation>شناسهٔ قبض</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>شناسهٔ پرداخت</translation>
    </message>
    <message>
        <source>Amount payable now</source>
        <translation>مبلغ قابل پرداخت اکنون</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>پرداخت</translation>
    </message>
    <message>
        <source>Card reader reference number</source>
        <translation>شمارهٔ مرجع کارت‌خوان</translation>
    </message>
    <message>
        <source>After the citizen pays with the counter&apos;s card reader</source>
        <translation>پس از پرداخت شهروند با کارت‌خوان میز خدمت</translation>
    </message>
    <message>
        <source>Record the card payment</source>
        <translation>ثبت پرداخت کارتی</translation>
    </message>
    <message>
        <source>Check the payment status</source>
        <translation>به‌روزرسانی وضعیت پرداخت</translation>
    </message>
    <message>
        <source>If the citizen paid the slip at a bank</source>
        <translation>اگر شهروند فیش را در بانک پرداخت کرده است</translation>
    </message>
    <message>
        <source>Training: pay the slip at the bank</source>
        <translation>آموزشی: پرداخت فیش در بانک</translation>
    </message>
    <message>
        <source>Print the slip…</source>
        <translation>چاپ قبض…</translation>
    </message>
    <message>
        <source>Print the receipt…</source>
        <translation>چاپ رسید…</translation>
    </message>
    <message>
        <source>Print the reconciliation slip…</source>
        <translation>چاپ برگهٔ تطبیق…</translation>
    </message>
    <message>
        <source>{n} rials</source>
        <translation>{n} ریال</translation>
    </message>
    <message>
        <source>paid, receipt {n}</source>
        <translation>پرداخت‌شده، رسید {n}</translation>
    </message>
    <message>
        <source>not paid yet</source>
        <translation>هنوز پرداخت نشده</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>در حال ثبت…</translation>
    </message>
    <message>
        <source>card payment queued for sending (reference {ref})</source>
        <translation>پرداخت کارتی در صف ارسال است (کد رهگیری {ref})</translation>
    </message>
    <message>
        <source>Card payment of bill {bill}</source>
        <translation>پرداخت کارتی قبض {bill}</translation>
    </message>
    <message>
        <source>Needs reconciliation: {reason} The money taken on the card reader is kept on record; do not charge again. Print the reconciliation slip for the supervisor.</source>
        <translation>نیازمند تطبیق: {reason} مبلغی که کارت‌خوان برداشت کرده ثبت و نگه داشته شده است؛ دوباره برداشت نکنید. برگهٔ تطبیق را برای سرپرست چاپ کنید.</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>Track a case</source>
        <translation>پیگیری پرونده</translation>
    </message>
    <message>
        <source>The citizen&apos;s cases</source>
        <translation>پرونده‌های شهروند</translation>
    </message>
    <message>
        <source>Tracking code</source>
        <translation>کد رهگیری</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>نمایش</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>به‌روزرسانی</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>مرحله</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>در دست</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>آغاز</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>مهلت</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>Upload the drawings…</source>
        <translation>بارگذاری نقشه‌ها…</translation>
    </message>
    <message>
        <source>Record the citizen&apos;s answer…</source>
        <translation>ثبت پاسخ شهروند…</translation>
    </message>
    <message>
        <source>Report to 3890…</source>
        <translation>گزارش به ۳۸۹۰…</translation>
    </message>
    <message>
        <source>The municipality&apos;s whistleblowing line: report a late stage or another grievance</source>
        <translation>سامانهٔ سوت‌زنی شهرداری: گزارش تأخیر یک مرحله یا شکایت دیگر</translation>
    </message>
    <message>
        <source>Training: a day later</source>
        <translation>آموزشی: یک روز بعد</translation>
    </message>
    <message>
        <source>Training: a week later</source>
        <translation>آموزشی: یک هفته بعد</translation>
    </message>
    <message>
        <source>Print the selected…</source>
        <translation>چاپ مورد انتخاب‌شده…</translation>
    </message>
    <message>
        <source>Print the document or the report receipt chosen in the list</source>
        <translation>چاپ سند یا رسید گزارشی که در فهرست انتخاب شده است</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>مراحل</translation>
    </message>
    <message>
        <source>History</source>
        <translation>تاریخچه</translation>
    </message>
    <message>
        <source>Reports to 3890</source>
        <translation>گزارش‌های ۳۸۹۰</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>مدارک</translation>
    </message>
    <message>
        <source>Type the tracking code printed on the citizen&apos;s order or slip (the case number, a dash and eight digits).</source>
        <translation>کد رهگیری چاپ‌شده روی دستور یا فیش شهروند را وارد کنید (شمارهٔ پرونده، یک خط تیره و هشت رقم).</translation>
    </message>
    <message>
        <source>Applies</source>
        <translation>شرط</translation>
    </message>
    <message>
        <source>Published timetable</source>
        <translation>جدول زمانی منتشرشده</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>تکمیل‌شده</translation>
    </message>
    <message>
        <source>Case {n} — {stage}</source>
        <translation>پرونده {n} — {stage}</translation>
    </message>
    <message>
        <source>This citizen has no permit case yet.</source>
        <translation>این شهروند هنوز پروندهٔ پروانه ندارد.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>در حال بارگیری…</translation>
    </message>
    <message>
        <source>Case {n}</source>
        <translation>پرونده {n}</translation>
    </message>
    <message>
        <source>Next: {text}</source>
        <translation>گام بعد: {text}</translation>
    </message>
    <message>
        <source>Renovation code {code}</source>
        <translation>کد نوسازی {code}</translation>
    </message>
    <message>
        <source>district {n}</source>
        <translation>منطقهٔ {n}</translation>
    </message>
    <message>
        <source>designer: {name}</source>
        <translation>طراح: {name}</translation>
    </message>
    <message>
        <source>supervising engineer: {name}</source>
        <translation>مهندس ناظر: {name}</translation>
    </message>
    <message>
        <source>public view: personal details need the citizen&apos;s one-time code</source>
        <translation>نمای عمومی: جزئیات شخصی با کد یک‌بار مصرف شهروند نمایش داده می‌شود</translation>
    </message>
    <message>
        <source>as of {date}</source>
        <translation>تا {date}</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>لازم نیست</translation>
    </message>
    <message>
        <source>{n} days once started</source>
        <translation>{n} روز پس از آغاز</translation>
    </message>
    <message>
        <source>{n} days overdue</source>
        <translation>{n} روز تأخیر</translation>
    </message>
    <message>
        <source>{n} days left</source>
        <translation>{n} روز مانده</translation>
    </message>
    <message>
        <source>finished {n} days late</source>
        <translation>{n} روز دیرتر تمام شد</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>به‌موقع</translation>
    </message>
    <message>
        <source>waiting for the citizen</source>
        <translation>منتظر شهروند</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>done</source>
        <translation>انجام شد</translation>
    </message>
    <message>
        <source>objection</source>
        <translation>ایراد</translation>
    </message>
    <message>
        <source>to come</source>
        <translation>در پیش</translation>
    </message>
    <message>
        <source> (round {n})</source>
        <translation> (نوبت {n})</translation>
    </message>
    <message>
        <source>Current stage</source>
        <translation>مرحلهٔ جاری</translation>
    </message>
    <message>
        <source>Published time limit</source>
        <translation>مهلت منتشرشده</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} روز</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>پایان</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>پاسخ‌دهنده</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>پاسخ</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>ایراد</translation>
    </message>
    <message>
        <source>The citizen must</source>
        <translation>کار شهروند</translation>
    </message>
    <message>
        <source>The history is shown after the citizen&apos;s one-time code.</source>
        <translation>تاریخچه پس از کد یک‌بار مصرف شهروند نمایش داده می‌شود.</translation>
    </message>
    <message>
        <source>delay of {n} days at «{stage}»</source>
        <translation>تأخیر {n} روزه در «{stage}»</translation>
    </message>
    <message>
        <source>grievance</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Report {n} ({date}): {what}</source>
        <translation>گزارش {n} ({date}): {what}</translation>
    </message>
    <message>
        <source>Answer ({date}): {text}</source>
        <translation>پاسخ ({date}): {text}</translation>
    </message>
    <message>
        <source>No answer yet.</source>
        <translation>هنوز پاسخی نرسیده است.</translation>
    </message>
    <message>
        <source>Plan-preparation order</source>
        <translation>دستور تهیهٔ نقشه</translation>
    </message>
    <message>
        <source>Building permit</source>
        <translation>پروانهٔ ساختمانی</translation>
    </message>
    <message>
        <source>Completion certificate</source>
        <translation>گواهی پایان کار</translation>
    </message>
    <message>
        <source>{title} number {n}, issued {date}</source>
        <translation>{title} به شمارهٔ {n}، صادرشده در {date}</translation>
    </message>
    <message>
        <source>Drawing «{title}», round {round}: {file} ({size} KB), {date}</source>
        <translation>نقشهٔ «{title}»، نوبت {round}: {file} ({size} کیلوبایت)، {date}</translation>
    </message>
    <message>
        <source>The case&apos;s issued documents and drawings are shown after the citizen&apos;s one-time code.</source>
        <translation>مدارک صادرشده و نقشه‌های این پرونده پس از کد یک‌بار مصرف شهروند نمایش داده می‌شود.</translation>
    </message>
    <message>
        <source>Reports to 3890 are shown after the citizen&apos;s one-time code.</source>
        <translation>گزارش‌های ۳۸۹۰ پس از کد یک‌بار مصرف شهروند نمایش داده می‌شود.</translation>
    </message>
    <message>
        <source>Nothing has been issued or uploaded for this case yet. The plan-preparation order appears here once its fee is paid, then the drawings, the permit and the completion certificate.</source>
        <translation>هنوز مدرکی برای این پرونده صادر یا بارگذاری نشده است. دستور تهیهٔ نقشه پس از پرداخت عوارض آن اینجا می‌آید و پس از آن نقشه‌ها، پروانه و گواهی پایان کار.</translation>
    </message>
    <message>
        <source>No report to 3890 for this case. When a stage runs past its time limit, «{button}» files one.</source>
        <translation>برای این پرونده گزارشی به ۳۸۹۰ ثبت نشده است. اگر مرحله‌ای از مهلت خود بگذرد، با «{button}» گزارش ثبت می‌شود.</translation>
    </message>
    <message>
        <source>Report {n} was filed with the 3890 line. Give the citizen this number.</source>
        <translation>گزارش {n} در سامانهٔ ۳۸۹۰ ثبت شد. این شماره را به شهروند بدهید.</translation>
    </message>
    <message>
        <source>The citizen&apos;s answer was recorded; the agency looks at the case again.</source>
        <translation>پاسخ شهروند ثبت شد؛ دستگاه مربوط پرونده را دوباره بررسی می‌کند.</translation>
    </message>
</context>
<context>
    <name>CaseUpdatesDialog</name>
    <message>
        <source>Case updates</source>
        <translation>تغییرات پرونده‌ها</translation>
    </message>
    <message>
        <source>Changes on the cases you filed. Open one to see its timeline.</source>
        <translation>تغییرات پرونده‌هایی که شما ثبت کرده‌اید. برای دیدن مراحل، یکی را باز کنید.</translation>
    </message>
    <message>
        <source>Case {n} — {date}
{text}</source>
        <translation>پرونده {n} — {date}
{text}</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>باز کردن پرونده</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>City services</source>
        <translation>خدمات شهری</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>ثبت درخواست</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>درخواست جدید</translation>
    </message>
    <message>
        <source>Start another request of this service with an empty form</source>
        <translation>درخواست دیگری از همین خدمت با فرم خالی</translation>
    </message>
    <message>
        <source>Back to the e-file</source>
        <translation>بازگشت به پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>{n} rials</source>
        <translation>{n} ریال</translation>
    </message>
    <message>
        <source>free</source>
        <translation>رایگان</translation>
    </message>
    <message>
        <source>by the published timetable below</source>
        <translation>طبق جدول زمانی منتشرشده در پایین</translation>
    </message>
    <message>
        <source>same day</source>
        <translation>همان روز</translation>
    </message>
    <message>
        <source>about {n} days</source>
        <translation>حدود {n} روز</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>(اختیاری)</translation>
    </message>
    <message>
        <source>(only when an attorney acts for the owners)</source>
        <translation>(فقط وقتی وکیل به جای مالکان اقدام می‌کند)</translation>
    </message>
    <message>
        <source>(only in some cases: the request&apos;s checklist says)</source>
        <translation>(فقط در برخی موارد؛ فهرست مدارک درخواست می‌گوید)</translation>
    </message>
    <message>
        <source>Usual time</source>
        <translation>زمان معمول</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>هزینه</translation>
    </message>
    <message>
        <source>Cost basis</source>
        <translation>مبنای هزینه</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>مدارک</translation>
    </message>
    <message>
        <source>This service has its own guided steps. Its published timetable:</source>
        <translation>این خدمت مراحل راهنمای خودش را دارد. جدول زمانی منتشرشدهٔ آن:</translation>
    </message>
    <message>
        <source>Start the guided request</source>
        <translation>شروع درخواست</translation>
    </message>
    <message>
        <source>This service has its own guided steps. By its published timetable, the stages every permit goes through add up to {days} days at most before it is issued, {office} of them with the municipality; the rest is the citizen&apos;s own time (payments, drawings) and other offices&apos;. A parcel near a heritage site or for commercial use adds the stages marked below. Its stages:</source>
        <translation>این خدمت مراحل راهنمای خود را دارد. طبق جدول زمانی منتشرشده، مراحلی که هر پروانه از آن‌ها می‌گذرد تا صدور پروانه روی هم حداکثر {days} روز است که {office} روز آن نزد شهرداری است؛ باقی آن زمان خود متقاضی (پرداخت‌ها، تهیهٔ نقشه) و دستگاه‌های دیگر است. ملک در حریم آثار تاریخی یا با کاربری تجاری، مراحل مشخص‌شده در جدول زیر را هم دارد. مراحل:</translation>
    </message>
    <message>
        <source>Queued for sending. Tracking reference: {ref}</source>
        <translation>در صف ارسال. کد رهگیری: {ref}</translation>
    </message>
    <message>
        <source>Request sent. Tracking number {n}; expected answer by {date}.</source>
        <translation>درخواست ثبت شد. کد پیگیری {n}؛ پاسخ تا {date} انتظار می‌رود.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>در حال ارسال…</translation>
    </message>
</context>
<context>
    <name>Conformance</name>
    <message>
        <source>Could not sign in as {user}: {error}</source>
        <translation>ورود با حساب {user} ممکن نشد: {error}</translation>
    </message>
    <message>
        <source>No one-time code arrived for the test citizen.</source>
        <translation>هیچ کد یک‌بار مصرفی برای شهروند آزمایشی نرسید.</translation>
    </message>
    <message>
        <source>Expected status {expected}, the server answered {status}.</source>
        <translation>پاسخ با وضعیت {expected} انتظار می‌رفت؛ کارساز با {status} پاسخ داد.</translation>
    </message>
    <message>
        <source>The error is not the contract&apos;s ErrorBody with a Persian message.</source>
        <translation>خطا در قالب ErrorBody قرارداد و با پیام فارسی نیست.</translation>
    </message>
    <message>
        <source>A 405 answer must name the methods the address offers (Allow), got &quot;{allow}&quot;.</source>
        <translation>پاسخ ۴۰۵ باید روش‌های پذیرفتهٔ این نشانی را در Allow بگوید؛ آمد: «{allow}».</translation>
    </message>
    <message>
        <source>The server closed the kept-alive connection after an error.</source>
        <translation>کارساز پس از یک خطا اتصال بازمانده را بست.</translation>
    </message>
    <message>
        <source>An oversized body was not refused with 413 before it was read (answer: {answer}).</source>
        <translation>بدنهٔ بیش از اندازه پیش از خوانده شدن با ۴۱۳ رد نشد (پاسخ: {answer}).</translation>
    </message>
    <message>
        <source>The answer to a keyed request does not carry its Idempotency-Key back.</source>
        <translation>پاسخ درخواستِ کلیددار، Idempotency-Key همان درخواست را بازنمی‌گرداند.</translation>
    </message>
    <message>
        <source>A repeat with the same key was not answered from the first request (Idempotent-Replayed: true, the same body).</source>
        <translation>تکرار با همان کلید از روی درخواست نخست پاسخ داده نشد (Idempotent-Replayed: true و همان بدنه).</translation>
    </message>
    <message>
        <source>A repeat with the same key was carried out a second time.</source>
        <translation>تکرار با همان کلید بار دوم انجام شد.</translation>
    </message>
    <message>
        <source>Expected error code {expected}, the server answered {code}.</source>
        <translation>کد خطای {expected} انتظار می‌رفت؛ کارساز {code} داد.</translation>
    </message>
    <message>
        <source>Another clerk&apos;s request with the same key was answered with the first clerk&apos;s answer.</source>
        <translation>درخواست متصدی دیگر با همان کلید، پاسخ متصدی نخست را گرفت.</translation>
    </message>
    <message>
        <source>After a body that did not arrive whole, the complete request with the same key was refused.</source>
        <translation>پس از بدنه‌ای که کامل نرسید، درخواست کامل با همان کلید رد شد.</translation>
    </message>
    <message>
        <source>A body that did not arrive whole was carried out (status {status}).</source>
        <translation>بدنه‌ای که کامل نرسیده بود انجام شد (وضعیت {status}).</translation>
    </message>
    <message>
        <source>A request whose answer was lost was not found again by its key (status {status}).</source>
        <translation>درخواستی که پاسخش گم شده بود با کلیدش دوباره یافته نشد (وضعیت {status}).</translation>
    </message>
    <message>
        <source>A citizen&apos;s file was read without a valid consent (status {status}).</source>
        <translation>پروندهٔ شهروند بی رضایت معتبر خوانده شد (وضعیت {status}).</translation>
    </message>
    <message>
        <source>A consent obtained by one clerk opened the citizen&apos;s file for another clerk.</source>
        <translation>رضایتی که یک متصدی گرفته بود، پروندهٔ شهروند را برای متصدی دیگری باز کرد.</translation>
    </message>
    <message>
        <source>An upload was created without a Location.</source>
        <translation>ارسال فایل بی Location ساخته شد.</translation>
    </message>
    <message>
        <source>Repeating a creation with the same key made a second upload.</source>
        <translation>تکرار ساخت با همان کلید، ارسال دومی ساخت.</translation>
    </message>
    <message>
        <source>The upload&apos;s offset is {offset}, expected {expected}.</source>
        <translation>جایگاه ارسال فایل {offset} است؛ {expected} انتظار می‌رفت.</translation>
    </message>
    <message>
        <source>An upload whose SHA-256 does not match was bound as a document.</source>
        <translation>فایلی که SHA-256 آن نمی‌خواند به‌عنوان مدرک پذیرفته شد.</translation>
    </message>
    <message>
        <source>The bound document does not carry the file&apos;s size and SHA-256.</source>
        <translation>مدرک پذیرفته‌شده اندازه و SHA-256 فایل را ندارد.</translation>
    </message>
    <message>
        <source>Another clerk could {action} an upload that is not hers (status {status}).</source>
        <translation>متصدی دیگری توانست روی فایلی که از آنِ او نیست {action} کند (وضعیت {status}).</translation>
    </message>
    <message>
        <source>Another clerk could read a receipt without the citizen&apos;s consent (status {status}).</source>
        <translation>متصدی دیگری بی رضایت شهروند رسید را خواند (وضعیت {status}).</translation>
    </message>
    <message>
        <source>A clerk who did not record a receipt could cancel it (status {status}).</source>
        <translation>متصدی‌ای که رسید را ثبت نکرده بود توانست آن را باطل کند (وضعیت {status}).</translation>
    </message>
    <message>
        <source>The district&apos;s supervisor could not cancel the receipt (status {status}).</source>
        <translation>سرپرست منطقه نتوانست رسید را باطل کند (وضعیت {status}).</translation>
    </message>
    <message>
        <source>The public tracking view shows what only the citizen&apos;s consent may open: {what}.</source>
        <translation>نمای عمومی پیگیری چیزی را نشان می‌دهد که تنها با رضایت شهروند باز می‌شود: {what}.</translation>
    </message>
    <message>
        <source>A bare case number opened the case without consent (status {status}); only the tracking code may.</source>
        <translation>شمارهٔ خالی پرونده بی رضایت آن را باز کرد (وضعیت {status})؛ تنها کد رهگیری باید باز کند.</translation>
    </message>
    <message>
        <source>The case carries no public tracking code.</source>
        <translation>پرونده کد رهگیری عمومی ندارد.</translation>
    </message>
    <message>
        <source>No free test parcel to file a permit on (give one with --parcel); tried: {tried}.</source>
        <translation>ملک آزمایشی آزادی برای ثبت درخواست پروانه نیست (با ⁦--parcel⁩ بدهید)؛ آزموده شد: {tried}.</translation>
    </message>
    <message>
        <source>No supervisor account given (--supervisor).</source>
        <translation>حساب سرپرست داده نشده است (⁦--supervisor⁩).</translation>
    </message>
    <message>
        <source>The check could not be set up: {error}</source>
        <translation>آماده‌سازی این آزمون ممکن نشد: {error}</translation>
    </message>
    <message>
        <source>A refused part of an upload was written anyway (offset {offset}).</source>
        <translation>بخشی از فایل که رد شد با این حال نوشته شد (جایگاه {offset}).</translation>
    </message>
    <message>
        <source>The second account is the same operator as the first; give a clerk of another district (--other).</source>
        <translation>حساب دوم همان متصدی نخست است؛ متصدی منطقهٔ دیگری بدهید (⁦--other⁩).</translation>
    </message>
    <message>
        <source>Every error is the contract&apos;s ErrorBody, in Persian</source>
        <translation>هر خطا ErrorBody قرارداد است، به فارسی</translation>
    </message>
    <message>
        <source>An error leaves the kept-alive connection open</source>
        <translation>خطا اتصال بازمانده را نمی‌بندد</translation>
    </message>
    <message>
        <source>An oversized body is refused before it is read</source>
        <translation>بدنهٔ بیش از اندازه پیش از خوانده شدن رد می‌شود</translation>
    </message>
    <message>
        <source>A repeat with the same key is answered, not done again</source>
        <translation>تکرار با همان کلید پاسخ می‌گیرد و دوباره انجام نمی‌شود</translation>
    </message>
    <message>
        <source>A key is answered only to the operator who sent it</source>
        <translation>کلید تنها به متصدی فرستنده‌اش پاسخ می‌گیرد</translation>
    </message>
    <message>
        <source>A body that did not arrive whole is never carried out and leaves its key free</source>
        <translation>بدنه‌ای که کامل نرسد هرگز انجام نمی‌شود و کلیدش آزاد می‌ماند</translation>
    </message>
    <message>
        <source>A request whose answer was lost is found again by its key</source>
        <translation>درخواستی که پاسخش گم شد با کلیدش دوباره یافته می‌شود</translation>
    </message>
    <message>
        <source>A citizen&apos;s file opens only with a valid consent</source>
        <translation>پروندهٔ شهروند تنها با رضایت معتبر باز می‌شود</translation>
    </message>
    <message>
        <source>A consent works only for the clerk who obtained it</source>
        <translation>رضایت تنها برای متصدی گیرنده‌اش کار می‌کند</translation>
    </message>
    <message>
        <source>An upload resumes from the server&apos;s offset</source>
        <translation>ارسال فایل از جایگاهی که کارساز دارد ادامه می‌یابد</translation>
    </message>
    <message>
        <source>A refused upload request writes nothing</source>
        <translation>درخواست ردشدهٔ ارسال فایل چیزی نمی‌نویسد</translation>
    </message>
    <message>
        <source>An upload becomes a document only if its SHA-256 matches</source>
        <translation>فایل تنها با SHA-256 درست مدرک می‌شود</translation>
    </message>
    <message>
        <source>An upload is its creator&apos;s alone</source>
        <translation>هر فایل تنها از آنِ سازندهٔ آن است</translation>
    </message>
    <message>
        <source>A receipt is read only with the citizen&apos;s consent or in its district, cancelled only by its clerk or a supervisor</source>
        <translation>رسید تنها با رضایت شهروند یا در منطقهٔ خودش خوانده می‌شود و تنها متصدی ثبت‌کننده یا سرپرست آن را باطل می‌کند</translation>
    </message>
    <message>
        <source>The public tracking view opens by the tracking code only and shows nothing personal</source>
        <translation>نمای عمومی پیگیری تنها با کد رهگیری باز می‌شود و چیز شخصی نشان نمی‌دهد</translation>
    </message>
    <message>
        <source>Conformance of a municipal server to the kiosk&apos;s contract</source>
        <translation>انطباق کارساز شهرداری با قرارداد پیشخوان</translation>
    </message>
    <message>
        <source>Server: {url} (API {version}{training})</source>
        <translation>کارساز: {url} (نسخهٔ API {version}{training})</translation>
    </message>
    <message>
        <source>, training</source>
        <translation>، آموزشی</translation>
    </message>
    <message>
        <source>Generated requests: {requests} over {operations} operations in {seconds} s</source>
        <translation>درخواست‌های ساخته‌شده: {requests} روی {operations} عملیات در {seconds} ثانیه</translation>
    </message>
    <message>
        <source>Server errors (5xx): {count}</source>
        <translation>خطای کارساز (5xx): {count}</translation>
    </message>
    <message>
        <source>Answers outside the contract: {count}</source>
        <translation>پاسخ‌های بیرون از قرارداد: {count}</translation>
    </message>
    <message>
        <source>Requests that could not be sent: {count}</source>
        <translation>درخواست‌هایی که فرستاده نشدند: {count}</translation>
    </message>
    <message>
        <source>Generated requests: not run</source>
        <translation>درخواست‌های ساخته‌شده: اجرا نشد</translation>
    </message>
    <message>
        <source>Behaviour the kiosk relies on:</source>
        <translation>رفتارهایی که پیشخوان به آن‌ها تکیه دارد:</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>پذیرفته</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>رد</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>اجرا نشد</translation>
    </message>
    <message>
        <source>Repeat with:</source>
        <translation>برای تکرار:</translation>
    </message>
    <message>
        <source>In the curl lines, $KIOSK_TOKEN (and $KIOSK_OTHER_TOKEN, $KIOSK_SUPERVISOR_TOKEN) is a token from POST /api/v1/auth/login of the same account.</source>
        <translation>در خط‌های curl، ‎$KIOSK_TOKEN‎ (و ‎$KIOSK_OTHER_TOKEN‎ و ‎$KIOSK_SUPERVISOR_TOKEN‎) توکنی است که POST /api/v1/auth/login همان حساب می‌دهد.</translation>
    </message>
    <message>
        <source>Verdict: the server conforms; counters may be pointed at it.</source>
        <translation>نتیجه: کارساز با قرارداد سازگار است؛ پیشخوان‌ها را می‌توان به آن وصل کرد.</translation>
    </message>
    <message>
        <source>Verdict: the server does NOT conform; do not point counters at it.</source>
        <translation>نتیجه: کارساز با قرارداد سازگار نیست؛ پیشخوان‌ها را به آن وصل نکنید.</translation>
    </message>
    <message>
        <source>Verdict: nothing failed, but some checks did not run; run them before pointing counters at it.</source>
        <translation>نتیجه: چیزی رد نشد، اما برخی آزمون‌ها اجرا نشدند؛ پیش از وصل کردن پیشخوان‌ها آن‌ها را اجرا کنید.</translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <source>Documents</source>
        <translation>مدارک</translation>
    </message>
    <message>
        <source>Scan each document and attach it. PDF, JPEG or PNG; the file&apos;s content is checked, not its name.</source>
        <translation>هر مدرک را اسکن و پیوست کنید. PDF، JPEG یا PNG؛ محتوای فایل بررسی می‌شود، نه نام آن.</translation>
    </message>
    <message>
        <source>Load the checklist again</source>
        <translation>بارگذاری دوبارهٔ فهرست مدارک</translation>
    </message>
    <message>
        <source>The request is not saved on the server yet; the checklist appears once it is. Check the connection and try again.</source>
        <translation>درخواست هنوز روی سرور ذخیره نشده است؛ فهرست مدارک پس از ذخیره نمایش داده می‌شود. اتصال را بررسی کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>(اختیاری)</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>پیوست فایل…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>در حال ارسال…</translation>
    </message>
    <message>
        <source>not attached</source>
        <translation>پیوست نشده</translation>
    </message>
    <message>
        <source>not attached yet: needed</source>
        <translation>هنوز پیوست نشده؛ لازم است</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>مدرک یا عکس آن: PDF، JPEG، PNG (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>در حال بررسی فایل…</translation>
    </message>
    <message>
        <source>{done} of {total} required documents attached</source>
        <translation>{done} از {total} مدرک الزامی پیوست شده</translation>
    </message>
    <message>
        <source>{n} on the way</source>
        <translation>{n} در راه</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>فایل خوانده نشد.</translation>
    </message>
    <message>
        <source>Paused: the connection dropped. It continues by itself when the connection returns.</source>
        <translation>متوقف شد: اتصال قطع است. با برقراری دوبارهٔ اتصال خودبه‌خود ادامه می‌یابد.</translation>
    </message>
    <message>
        <source>Sending… {p}%</source>
        <translation>در حال ارسال… {p}٪</translation>
    </message>
    <message>
        <source>Attach these first: {items}</source>
        <translation>ابتدا این مدارک را پیوست کنید: {items}</translation>
    </message>
</context>
<context>
    <name>DrawingsDialog</name>
    <message>
        <source>Drawings of case {n}</source>
        <translation>نقشه‌های پرونده {n}</translation>
    </message>
    <message>
        <source>Attach each drawing the designers delivered as one PDF file, then type the figures the drawings declare. The server checks them against the approved request.</source>
        <translation>هر نقشه‌ای را که طراحان تحویل داده‌اند به صورت یک فایل PDF پیوست کنید، سپس ارقام اعلام‌شده در نقشه‌ها را وارد کنید. سرور آن‌ها را با درخواست تأییدشده مقایسه می‌کند.</translation>
    </message>
    <message>
        <source> (if any)</source>
        <translation> (در صورت وجود)</translation>
    </message>
    <message>
        <source>Choose the PDF…</source>
        <translation>انتخاب فایل PDF…</translation>
    </message>
    <message>
        <source>not attached</source>
        <translation>پیوست نشده</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>تعداد طبقات</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>تعداد واحد</translation>
    </message>
    <message>
        <source>Total floor area of all floors (m²)</source>
        <translation>زیربنای کل همهٔ طبقات (مترمربع)</translation>
    </message>
    <message>
        <source>not attached yet: needed</source>
        <translation>هنوز پیوست نشده؛ لازم است</translation>
    </message>
    <message>
        <source>Building height from the street (m)</source>
        <translation>ارتفاع ساختمان از تراز معبر (متر)</translation>
    </message>
    <message>
        <source>Send the drawings for review</source>
        <translation>ارسال نقشه‌ها برای کنترل</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>فایل‌های PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>در حال بررسی فایل…</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>فایل خوانده نشد.</translation>
    </message>
    <message>
        <source>Paused: the connection dropped. It continues by itself when the connection returns.</source>
        <translation>متوقف شد: اتصال قطع است. با برقراری دوبارهٔ اتصال خودبه‌خود ادامه می‌یابد.</translation>
    </message>
    <message>
        <source>Sending… {p}%</source>
        <translation>در حال ارسال… {p}٪</translation>
    </message>
    <message>
        <source>Wait until every file has been sent.</source>
        <translation>صبر کنید تا همهٔ فایل‌ها ارسال شوند.</translation>
    </message>
    <message>
        <source>Attach first: {items}.</source>
        <translation>ابتدا پیوست کنید: {items}.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>در حال ارسال…</translation>
    </message>
</context>
<context>
    <name>EFilePage</name>
    <message>
        <source>New building permit request</source>
        <translation>درخواست پروانهٔ ساختمانی</translation>
    </message>
    <message>
        <source>Continue an unfinished request</source>
        <translation>ادامهٔ درخواست ناتمام</translation>
    </message>
    <message>
        <source>Other city services</source>
        <translation>سایر خدمات شهری</translation>
    </message>
    <message>
        <source>Track the citizen&apos;s cases</source>
        <translation>پیگیری پرونده‌های شهروند</translation>
    </message>
    <message>
        <source>Receipts register</source>
        <translation>دفتر رسیدها</translation>
    </message>
    <message>
        <source>Edit the e-file</source>
        <translation>ویرایش پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>Finish: next citizen</source>
        <translation>پایان خدمت: شهروند بعدی</translation>
    </message>
    <message>
        <source>District {n}</source>
        <translation>منطقهٔ {n}</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>Father&apos;s name</source>
        <translation>نام پدر</translation>
    </message>
    <message>
        <source>Birth date (Jalali)</source>
        <translation>تاریخ تولد (شمسی)</translation>
    </message>
    <message>
        <source>year/month/day, e.g. 1365/04/21</source>
        <translation>سال/ماه/روز، مانند ۱۳۶۵/۰۴/۲۱</translation>
    </message>
    <message>
        <source>District</source>
        <translation>منطقه</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>کد پستی</translation>
    </message>
    <message>
        <source>10 digits</source>
        <translation>۱۰ رقم</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>Email (optional)</source>
        <translation>رایانامه (اختیاری)</translation>
    </message>
    <message>
        <source>Save the e-file</source>
        <translation>ذخیرهٔ پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>انصراف از ویرایش</translation>
    </message>
    <message>
        <source>Cancel: back to finding a citizen (Esc)</source>
        <translation>انصراف: بازگشت به جست‌وجوی شهروند (Esc)</translation>
    </message>
    <message>
        <source>E-file number</source>
        <translation>شمارهٔ پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام و نام خانوادگی</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>تلفن همراه</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>رایانامه</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخرین تغییر</translation>
    </message>
    <message>
        <source>Electronic file of {name}</source>
        <translation>پروندهٔ الکترونیکی {name}</translation>
    </message>
    <message>
        <source>New electronic file for national code {code}</source>
        <translation>تشکیل پروندهٔ الکترونیکی برای کد ملی {code}</translation>
    </message>
    <message>
        <source>Leave the new e-file?</source>
        <translation>پروندهٔ الکترونیکی تازه رها شود؟</translation>
    </message>
    <message>
        <source>What is written here is not saved and will be erased. Leave it and go back to finding a citizen?</source>
        <translation>آنچه اینجا نوشته شده ذخیره نشده و پاک می‌شود. آن را رها می‌کنید و به جست‌وجوی شهروند برمی‌گردید؟</translation>
    </message>
    <message>
        <source>Correct the e-file of {name}</source>
        <translation>اصلاح پروندهٔ الکترونیکی {name}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>در حال ذخیره…</translation>
    </message>
</context>
<context>
    <name>ExitDialog</name>
    <message>
        <source>Leave counter mode</source>
        <translation>خروج از حالت قفل</translation>
    </message>
    <message>
        <source>The counter&apos;s PIN, or your password</source>
        <translation>رمز میز خدمت، یا گذرواژهٔ شما</translation>
    </message>
    <message>
        <source>Only a clerk or the administrator can close the kiosk</source>
        <translation>فقط متصدی یا مدیر سامانه می‌تواند پیشخوان را ببندد</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>بستن پیشخوان</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Type the PIN or your password.</source>
        <translation>رمز میز خدمت یا گذرواژه‌تان را وارد کنید.</translation>
    </message>
    <message>
        <source>Neither the PIN nor your password is right. Try again in {n} seconds.</source>
        <translation>نه رمز میز خدمت درست است و نه گذرواژهٔ شما. {n} ثانیهٔ دیگر دوباره امتحان کنید.</translation>
    </message>
    <message>
        <source>The PIN is wrong.</source>
        <translation>رمز میز خدمت نادرست است.</translation>
    </message>
    <message>
        <source>Too many wrong tries. Try again in {n} seconds.</source>
        <translation>تلاش‌های نادرست زیاد بود. {n} ثانیهٔ دیگر دوباره امتحان کنید.</translation>
    </message>
    <message>
        <source>Neither the PIN nor your password is right.</source>
        <translation>نه رمز میز خدمت درست است و نه گذرواژهٔ شما.</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <source>{n} KB</source>
        <translation>{n} کیلوبایت</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} مگابایت</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>پوشه</translation>
    </message>
    <message>
        <source>{kind} file</source>
        <translation>فایل {kind}</translation>
    </message>
    <message>
        <source>file</source>
        <translation>فایل</translation>
    </message>
    <message>
        <source>Personal folder</source>
        <translation>پوشهٔ شخصی</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>میز کار</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>اسناد</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>بارگیری‌ها</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>تصاویر</translation>
    </message>
</context>
<context>
    <name>FileState</name>
    <message>
        <source>{name} ({size} KB)</source>
        <translation>{name} ({size} کیلوبایت)</translation>
    </message>
    <message>
        <source>{name} ({kind}, {size} KB)</source>
        <translation>{name} ({kind}، {size} کیلوبایت)</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <translation>تصویر JPEG</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>تصویر PNG</translation>
    </message>
    <message>
        <source>{kind}, one page</source>
        <translation>{kind}، یک صفحه</translation>
    </message>
    <message>
        <source>{kind}, {n} pages</source>
        <translation>{kind}، {n} صفحه</translation>
    </message>
    <message>
        <source>Its name said {said}, but it is a {kind}: sent under the name above.</source>
        <translation>نام فایل {said} می‌گفت، اما محتوای آن {kind} است؛ با نام بالا فرستاده شد.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{n} rials</source>
        <translation>{n} ریال</translation>
    </message>
    <message>
        <source>{n} m²</source>
        <translation>{n} مترمربع</translation>
    </message>
    <message>
        <source>article {n}</source>
        <translation>مادهٔ {n}</translation>
    </message>
    <message>
        <source>{low} and {high}</source>
        <translation>{low} و {high}</translation>
    </message>
    <message>
        <source>from {n}</source>
        <translation>از {n}</translation>
    </message>
    <message>
        <source>over {n}</source>
        <translation>بیش از {n}</translation>
    </message>
    <message>
        <source>up to {n}</source>
        <translation>تا {n}</translation>
    </message>
    <message>
        <source>under {n}</source>
        <translation>کمتر از {n}</translation>
    </message>
    <message>
        <source>{n} or more</source>
        <translation>{n} و بیشتر</translation>
    </message>
    <message>
        <source>{where}: factor {value}</source>
        <translation>{where}: ضریب {value}</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید</translation>
    </message>
    <message>
        <source>Go on: send the form, next step, search</source>
        <translation>ادامه: ارسال فرم، مرحلهٔ بعد، جست‌وجو</translation>
    </message>
    <message>
        <source>Next step from a table (owners)</source>
        <translation>مرحلهٔ بعد از درون جدول (مالکان)</translation>
    </message>
    <message>
        <source>Back one step; close a dialog</source>
        <translation>یک مرحله به عقب؛ بستن پنجره</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>فیلد بعدی / قبلی</translation>
    </message>
    <message>
        <source>Next citizen: end this visit and forget its data</source>
        <translation>شهروند بعدی: پایان این مراجعه و پاک شدن اطلاعات آن</translation>
    </message>
    <message>
        <source>Document authenticity (scan a QR)</source>
        <translation>استعلام اصالت سند (خواندن کد QR)</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>همین راهنما</translation>
    </message>
    <message>
        <source>Close the kiosk (counter mode asks for the PIN)</source>
        <translation>بستن پیشخوان (در حالت قفل رمز خواسته می‌شود)</translation>
    </message>
    <message>
        <source>Press any key or click to close.</source>
        <translation>برای بستن، کلیدی بزنید یا کلیک کنید.</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Serve a citizen</source>
        <translation>پذیرش شهروند</translation>
    </message>
    <message>
        <source>Type the citizen&apos;s national code and mobile number. A confirmation code is sent to that mobile; with it the citizen allows you to open their electronic file.</source>
        <translation>کد ملی و شمارهٔ همراه شهروند را وارد کنید. یک کد یک‌بار مصرف به همان شماره پیامک می‌شود؛ شهروند با گفتن این کد اجازه می‌دهد پروندهٔ الکترونیکی او را باز کنید.</translation>
    </message>
    <message>
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <source>10 digits, as on the national card</source>
        <translation>۱۰ رقم، همان‌طور که روی کارت ملی آمده است</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>شمارهٔ تلفن همراه</translation>
    </message>
    <message>
        <source>Example: 09123456789</source>
        <translation>مثال: ۰۹۱۲۳۴۵۶۷۸۹</translation>
    </message>
    <message>
        <source>Send confirmation code</source>
        <translation>ارسال کد یک‌بار مصرف</translation>
    </message>
    <message>
        <source>Track a case by its tracking code</source>
        <translation>پیگیری پرونده با کد رهگیری</translation>
    </message>
    <message>
        <source>Stages and deadlines of a case; no one-time code needed</source>
        <translation>مراحل و مهلت‌های پرونده؛ بدون نیاز به کد یک‌بار مصرف</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>در حال ارسال…</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Another kiosk is already running on this computer for this user. Use that window.</source>
        <translation>پیشخوان دیگری با همین کاربر روی این رایانه باز است. از همان پنجره استفاده کنید.</translation>
    </message>
    <message>
        <source>Isfahan counter kiosk</source>
        <translation>پیشخوان خدمات شهری اصفهان</translation>
    </message>
    <message>
        <source>This is the live counter&apos;s build: it has no training server, sandbox or conformance kit. For training, run the training build (kiosk-training).</source>
        <translation>این نسخهٔ پیشخوان واقعی است و سرور آموزشی، محیط آزمایشی و ابزار سنجش سازگاری ندارد. برای آموزش، نسخهٔ آموزشی (kiosk-training) را اجرا کنید.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Isfahan Smart City — service counter</source>
        <translation>توسعه هوشمند شهر اصفهان — میز خدمت</translation>
    </message>
    <message>
        <source>Training SMS inbox</source>
        <translation>صندوق پیامک آموزشی</translation>
    </message>
    <message>
        <source>Training: cut the connection</source>
        <translation>آموزشی: قطع اتصال</translation>
    </message>
    <message>
        <source>Stops the training server, as if the network were pulled, to practise working offline</source>
        <translation>سرور آموزشی را متوقف می‌کند، گویی کابل شبکه کشیده شده باشد، برای تمرین کار در حالت قطع اتصال</translation>
    </message>
    <message>
        <source>Document authenticity</source>
        <translation>استعلام اصالت سند</translation>
    </message>
    <message>
        <source>Check offline whether a printed document is genuine (Ctrl+K)</source>
        <translation>بررسی بدون اینترنتِ اصالت سند چاپی (Ctrl+K)</translation>
    </message>
    <message>
        <source>Next citizen</source>
        <translation>شهروند بعدی</translation>
    </message>
    <message>
        <source>Ends this citizen&apos;s visit and forgets their data (Ctrl+N)</source>
        <translation>خدمت به این شهروند را پایان می‌دهد و اطلاعات او را از این رایانه پاک می‌کند (Ctrl+N)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Server: connecting…</source>
        <translation>سرور: در حال اتصال…</translation>
    </message>
    <message>
        <source>Training mode</source>
        <translation>حالت آموزشی</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>حالت واقعی</translation>
    </message>
    <message>
        <source>Open the list of requests waiting to be sent</source>
        <translation>فهرست درخواست‌های در انتظار ارسال</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>وارد نشده‌اید</translation>
    </message>
    <message>
        <source>What changed on the cases you filed</source>
        <translation>تغییرات پرونده‌هایی که ثبت کرده‌اید</translation>
    </message>
    <message>
        <source>Server: not available</source>
        <translation>سرور: در دسترس نیست</translation>
    </message>
    <message>
        <source>The training server could not start. Close the kiosk and start it again; if it repeats, tell support.</source>
        <translation>سرور آموزشی راه‌اندازی نشد. پیشخوان را ببندید و دوباره باز کنید؛ اگر تکرار شد به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>Operator: {name} — {office}</source>
        <translation>متصدی: {name} — {office}</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>متصدی: {name}</translation>
    </message>
    <message>
        <source>Waiting to send: {n}</source>
        <translation>در صف ارسال: {n}</translation>
    </message>
    <message>
        <source>needs reconciliation: {n}</source>
        <translation>نیازمند تطبیق: {n}</translation>
    </message>
    <message>
        <source>refused: {n}</source>
        <translation>ردشده: {n}</translation>
    </message>
    <message>
        <source>unreadable: {n}</source>
        <translation>ناخوانا: {n}</translation>
    </message>
    <message>
        <source>queue locked</source>
        <translation>صف قفل است</translation>
    </message>
    <message>
        <source>The visit ended after a time without use; the citizen&apos;s information was cleared.</source>
        <translation>مراجعه پس از مدتی بی‌استفاده ماندن پایان یافت؛ اطلاعات شهروند پاک شد.</translation>
    </message>
    <message>
        <source>The session was locked after {n} minutes without use. Sign in again.</source>
        <translation>نشست کاری پس از {n} دقیقه بی‌استفاده ماندن قفل شد. دوباره وارد شوید.</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>به‌روزرسانی</translation>
    </message>
    <message>
        <source>Version {version} did not start</source>
        <translation>نسخهٔ {version} شروع نشد</translation>
    </message>
    <message>
        <source>Version {version} ready for the next start</source>
        <translation>نسخهٔ {version} برای شروع بعدی آماده است</translation>
    </message>
    <message>
        <source>Update refused</source>
        <translation>به‌روزرسانی پذیرفته نشد</translation>
    </message>
    <message>
        <source>Printer: none installed</source>
        <translation>چاپگر: نصب نشده</translation>
    </message>
    <message>
        <source>Printer: fault ({name})</source>
        <translation>چاپگر: خطا ({name})</translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation>چاپگر: آماده</translation>
    </message>
    <message>
        <source>Receipt printer: {name}</source>
        <translation>چاپگر رسید: {name}</translation>
    </message>
    <message>
        <source>Case updates: {n}</source>
        <translation>تغییر پرونده‌ها: {n}</translation>
    </message>
    <message>
        <source>Training: restore the connection</source>
        <translation>آموزشی: وصل دوبارهٔ اتصال</translation>
    </message>
    <message>
        <source>The training server could not listen again. Close the kiosk and start it again.</source>
        <translation>سرور آموزشی دوباره به کار نیفتاد. پیشخوان را ببندید و دوباره باز کنید.</translation>
    </message>
    <message>
        <source>Server: online</source>
        <translation>سرور: برخط</translation>
    </message>
    <message>
        <source>Server: offline</source>
        <translation>سرور: قطع</translation>
    </message>
    <message>
        <source>The connection is back. Press “Try again” to continue.</source>
        <translation>اتصال برقرار شد. برای ادامه «تلاش دوباره» را بزنید.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Sorry, something went wrong in the kiosk. Your data is kept. Reference: {ref}</source>
        <translation>متأسفیم، در پیشخوان خطایی رخ داد. اطلاعات شما محفوظ است. شمارهٔ پیگیری خطا: {ref}</translation>
    </message>
</context>
<context>
    <name>OtpPage</name>
    <message>
        <source>Citizen&apos;s confirmation code</source>
        <translation>کد یک‌بار مصرف شهروند</translation>
    </message>
    <message>
        <source>Confirmation code</source>
        <translation>کد یک‌بار مصرف</translation>
    </message>
    <message>
        <source>Confirm and open the e-file</source>
        <translation>تأیید و باز کردن پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>Change national code or mobile</source>
        <translation>تغییر کد ملی یا شمارهٔ همراه</translation>
    </message>
    <message>
        <source>Training SMS inbox</source>
        <translation>صندوق پیامک آموزشی</translation>
    </message>
    <message>
        <source>A {length}-digit code was sent to {mobile}. Ask the citizen to read it from their phone.</source>
        <translation>یک کد {length} رقمی به شمارهٔ {mobile} پیامک شد. از شهروند بخواهید کد را از روی گوشی خود بخواند.</translation>
    </message>
    <message>
        <source>The code is valid for {time}.</source>
        <translation>اعتبار کد: {time}</translation>
    </message>
    <message>
        <source>The code has expired: send a new one.</source>
        <translation>کد منقضی شده است؛ کد تازه بفرستید.</translation>
    </message>
    <message>
        <source>No more codes can be sent</source>
        <translation>امکان ارسال کد دیگری نیست</translation>
    </message>
    <message>
        <source>Send a new code ({time})</source>
        <translation>ارسال دوبارهٔ کد ({time})</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>ارسال دوبارهٔ کد</translation>
    </message>
    <message>
        <source>Too many wrong codes. Wait {time} and try again.</source>
        <translation>کد نادرست بیش از حد وارد شد. {time} صبر کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>در حال بررسی…</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Reconciliation record of «{label}»</source>
        <translation>سابقهٔ تطبیقِ «{label}»</translation>
    </message>
</context>
<context>
    <name>OwnersStep</name>
    <message>
        <source>Owners</source>
        <translation>مالکان</translation>
    </message>
    <message>
        <source>Every owner on the deed, with their share in percent (together exactly 100).</source>
        <translation>همهٔ مالکان مندرج در سند، با سهم هر یک به درصد (جمعاً دقیقاً ۱۰۰).</translation>
    </message>
    <message>
        <source>National code</source>
        <translation>کد ملی</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>سهم (٪)</translation>
    </message>
    <message>
        <source>Add an owner</source>
        <translation>افزودن مالک</translation>
    </message>
    <message>
        <source>Remove the selected owner</source>
        <translation>حذف مالک انتخاب‌شده</translation>
    </message>
    <message>
        <source>An attorney acts for the owners</source>
        <translation>وکیل از طرف مالکان اقدام می‌کند</translation>
    </message>
    <message>
        <source>Attorney&apos;s national code</source>
        <translation>کد ملی وکیل</translation>
    </message>
    <message>
        <source>Attorney&apos;s first name</source>
        <translation>نام وکیل</translation>
    </message>
    <message>
        <source>Attorney&apos;s last name</source>
        <translation>نام خانوادگی وکیل</translation>
    </message>
    <message>
        <source>Power of attorney number</source>
        <translation>شمارهٔ وکالت‌نامه</translation>
    </message>
    <message>
        <source>Power of attorney date (Jalali)</source>
        <translation>تاریخ وکالت‌نامه (شمسی)</translation>
    </message>
    <message>
        <source>Row {row}, {column}: {message}</source>
        <translation>ردیف {row}، {column}: {message}</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Please wait…</source>
        <translation>لطفاً صبر کنید…</translation>
    </message>
</context>
<context>
    <name>ParcelStep</name>
    <message>
        <source>Parcel</source>
        <translation>ملک</translation>
    </message>
    <message>
        <source>Find the parcel by its renovation code (on the renovation-fee bill) or by the three numbers of its deed plate.</source>
        <translation>ملک را با کد نوسازی (روی قبض عوارض نوسازی) یا با سه شمارهٔ پلاک ثبتی پیدا کنید.</translation>
    </message>
    <message>
        <source>Renovation code</source>
        <translation>کد نوسازی</translation>
    </message>
    <message>
        <source>Deed plate</source>
        <translation>پلاک ثبتی</translation>
    </message>
    <message>
        <source>district-block-parcel, e.g. {example}</source>
        <translation>منطقه-بلوک-ملک، مانند {example}</translation>
    </message>
    <message>
        <source>Registry section</source>
        <translation>بخش ثبتی</translation>
    </message>
    <message>
        <source>Main plate</source>
        <translation>پلاک اصلی</translation>
    </message>
    <message>
        <source>Sub plate</source>
        <translation>پلاک فرعی</translation>
    </message>
    <message>
        <source>Find the parcel</source>
        <translation>جست‌وجوی ملک</translation>
    </message>
    <message>
        <source>District</source>
        <translation>منطقه</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>Area by deed / by survey</source>
        <translation>مساحت طبق سند / طبق نقشه‌برداری</translation>
    </message>
    <message>
        <source>Street width</source>
        <translation>عرض معبر</translation>
    </message>
    <message>
        <source>Zone of the detailed plan</source>
        <translation>پهنهٔ طرح تفصیلی</translation>
    </message>
    <message>
        <source>Density / occupancy / floors</source>
        <translation>تراکم / سطح اشغال / طبقات</translation>
    </message>
    <message>
        <source>Heritage</source>
        <translation>میراث فرهنگی</translation>
    </message>
    <message>
        <source>Regional price</source>
        <translation>قیمت منطقه‌ای</translation>
    </message>
    <message>
        <source>Training data: parcels, zones and prices are invented.</source>
        <translation>دادهٔ آموزشی: املاک، پهنه‌ها و قیمت‌ها ساختگی‌اند.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>در حال جست‌وجو…</translation>
    </message>
    <message>
        <source>section {s}، main {m}، sub {u}</source>
        <translation>بخش {s}، اصلی {m}، فرعی {u}</translation>
    </message>
    <message>
        <source>{deed} / {survey} m² (zoning counts {lot} m²)</source>
        <translation>{deed} / {survey} مترمربع (مبنای ضوابط: {lot} مترمربع)</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} متر</translation>
    </message>
    <message>
        <source>{d}% / {o}% / {f} floors</source>
        <translation>{d}٪ / {o}٪ / {f} طبقه</translation>
    </message>
    <message>
        <source>near «{site}»: at most {n} floors</source>
        <translation>در حریم «{site}»: حداکثر {n} طبقه</translation>
    </message>
    <message>
        <source>not in a heritage zone</source>
        <translation>خارج از حریم آثار تاریخی</translation>
    </message>
    <message>
        <source>{n} rials per m²</source>
        <translation>{n} ریال برای هر مترمربع</translation>
    </message>
    <message>
        <source>This parcel is already under another permit application: follow that case instead.</source>
        <translation>این ملک در پروندهٔ پروانهٔ دیگری است؛ همان پرونده را پیگیری کنید.</translation>
    </message>
</context>
<context>
    <name>PermitWizard</name>
    <message>
        <source>Building permit request</source>
        <translation>درخواست پروانهٔ ساختمانی</translation>
    </message>
    <message>
        <source>With this code and a new confirmation code the citizen can continue the request later, here or at any counter.</source>
        <translation>شهروند با این کد و یک کد یک‌بار مصرف تازه می‌تواند درخواست را بعداً، همین‌جا یا در هر پیشخوان دیگری، ادامه دهد.</translation>
    </message>
    <message>
        <source>Print the code…</source>
        <translation>چاپ کد…</translation>
    </message>
    <message>
        <source>A slip with the resume code for the citizen to take away</source>
        <translation>برگه‌ای با کد ادامه برای شهروند</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <source>Previous step (Esc)</source>
        <translation>گام قبلی (Esc)</translation>
    </message>
    <message>
        <source>Next step (Enter)</source>
        <translation>گام بعدی (Enter)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>بعدی</translation>
    </message>
    <message>
        <source>Back to the e-file</source>
        <translation>بازگشت به پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>Saved on the server.</source>
        <translation>روی سرور ذخیره شد.</translation>
    </message>
    <message>
        <source>Not saved on the server yet: it is saved again at the next step.</source>
        <translation>هنوز روی سرور ذخیره نشده است؛ در گام بعد دوباره ذخیره می‌شود.</translation>
    </message>
    <message>
        <source>Resume code: {code}</source>
        <translation>کد ادامه: {code}</translation>
    </message>
</context>
<context>
    <name>Print</name>
    <message>
        <source>Payment slip</source>
        <translation>قبض پرداخت</translation>
    </message>
    <message>
        <source>Payment receipt</source>
        <translation>رسید پرداخت</translation>
    </message>
    <message>
        <source>Order to prepare drawings</source>
        <translation>دستور تهیهٔ نقشه</translation>
    </message>
    <message>
        <source>Building permit</source>
        <translation>پروانهٔ ساختمانی</translation>
    </message>
    <message>
        <source>Completion certificate</source>
        <translation>گواهی پایان کار</translation>
    </message>
    <message>
        <source>Receipt of a report to the 3890 line</source>
        <translation>رسید گزارش به سامانهٔ ۳۸۹۰</translation>
    </message>
    <message>
        <source>Resume code of an unfinished request</source>
        <translation>کد ادامهٔ درخواست ناتمام</translation>
    </message>
    <message>
        <source>Isfahan Municipality</source>
        <translation>شهرداری اصفهان</translation>
    </message>
    <message>
        <source>Smart City Development — electronic services</source>
        <translation>سامانهٔ توسعهٔ هوشمند شهر — خدمات الکترونیک</translation>
    </message>
    <message>
        <source>TRAINING DOCUMENT — NOT VALID</source>
        <translation>سند آموزشی — فاقد اعتبار</translation>
    </message>
    <message>
        <source>Check authenticity: scan at any service counter («document authenticity»)</source>
        <translation>استعلام اصالت: این کد را در هر میز خدمت («استعلام اصالت سند») بخوانید</translation>
    </message>
    <message>
        <source>card reader at the counter</source>
        <translation>کارت‌خوان میز خدمت</translation>
    </message>
    <message>
        <source>bank</source>
        <translation>بانک</translation>
    </message>
    <message>
        <source>{n} rials</source>
        <translation>{n} ریال</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>شماره</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>For</source>
        <translation>بابت</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <source>In the name of</source>
        <translation>به نام</translation>
    </message>
    <message>
        <source>Bill ID</source>
        <translation>شناسهٔ قبض</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>شناسهٔ پرداخت</translation>
    </message>
    <message>
        <source>Amount payable: {amount}</source>
        <translation>مبلغ قابل پرداخت: {amount}</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>شرح</translation>
    </message>
    <message>
        <source>How it is computed</source>
        <translation>نحوهٔ محاسبه</translation>
    </message>
    <message>
        <source>Amount (rials)</source>
        <translation>مبلغ (ریال)</translation>
    </message>
    <message>
        <source>Pay at any bank, ATM, internet or mobile bank with the bill ID and payment ID, or at the counter&apos;s card reader. Keep the receipt.</source>
        <translation>با شناسهٔ قبض و شناسهٔ پرداخت در هر بانک، خودپرداز، اینترنت‌بانک یا همراه‌بانک، یا با کارت‌خوان میز خدمت بپردازید. رسید را نگه دارید.</translation>
    </message>
    <message>
        <source>Paid — receipt {n}</source>
        <translation>پرداخت شد — رسید {n}</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>پرداخت‌کننده</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>مبلغ</translation>
    </message>
    <message>
        <source>Paid through</source>
        <translation>روش پرداخت</translation>
    </message>
    <message>
        <source>Card reader reference</source>
        <translation>شمارهٔ مرجع کارت‌خوان</translation>
    </message>
    <message>
        <source>Renovation code</source>
        <translation>کد نوسازی</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>Reconciliation slip — for the supervisor</source>
        <translation>برگهٔ تطبیق — برای سرپرست</translation>
    </message>
    <message>
        <source>Tracking code</source>
        <translation>کد رهگیری</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>پهنه</translation>
    </message>
    <message>
        <source>Deed plate: section</source>
        <translation>پلاک ثبتی: بخش</translation>
    </message>
    <message>
        <source>main plate</source>
        <translation>پلاک اصلی</translation>
    </message>
    <message>
        <source>sub plate</source>
        <translation>پلاک فرعی</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>مالک</translation>
    </message>
    <message>
        <source>Allowed for the drawings</source>
        <translation>مجاز برای تهیهٔ نقشه</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>کاربری</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>تعداد طبقات</translation>
    </message>
    <message>
        <source>Area of one floor</source>
        <translation>زیربنای هر طبقه</translation>
    </message>
    <message>
        <source>{n} m²</source>
        <translation>{n} مترمربع</translation>
    </message>
    <message>
        <source>Total floor area</source>
        <translation>زیربنای کل</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>تعداد واحد</translation>
    </message>
    <message>
        <source>Parking spaces</source>
        <translation>تعداد پارکینگ</translation>
    </message>
    <message>
        <source>Issued by rule from the detailed plan: the drawings may be prepared within these figures by designers the Engineering Organization assigns. The order is not a building permit.</source>
        <translation>صادرشده بر اساس ضوابط طرح تفصیلی: نقشه‌ها در حدود این ارقام و به دست طراحانی که سازمان نظام مهندسی تعیین می‌کند تهیه شود. این دستور پروانهٔ ساختمانی نیست.</translation>
    </message>
    <message>
        <source>Building identity card</source>
        <translation>شناسنامهٔ ساختمان</translation>
    </message>
    <message>
        <source>Permit number</source>
        <translation>شمارهٔ پروانه</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>ارتفاع</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} متر</translation>
    </message>
    <message>
        <source>Designer</source>
        <translation>طراح</translation>
    </message>
    <message>
        <source>Supervising engineer</source>
        <translation>مهندس ناظر</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>اعتبار تا</translation>
    </message>
    <message>
        <source>Building must follow the approved drawings. The supervising engineer reports each stage; a change needs a new permit. Violations go to the Article 100 commission.</source>
        <translation>ساخت باید مطابق نقشه‌های تأییدشده باشد. مهندس ناظر هر مرحله را گزارش می‌کند؛ هر تغییر پروانهٔ جدید می‌خواهد. تخلفات به کمیسیون مادهٔ ۱۰۰ می‌رود.</translation>
    </message>
    <message>
        <source>Permitted floor area</source>
        <translation>زیربنای مجاز</translation>
    </message>
    <message>
        <source>Built floor area</source>
        <translation>زیربنای ساخته‌شده</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>تخلف</translation>
    </message>
    <message>
        <source>yes — ruled by the Article 100 commission, fine paid</source>
        <translation>دارد — با رأی کمیسیون مادهٔ ۱۰۰، جریمه پرداخت شد</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ندارد</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>جریمه</translation>
    </message>
    <message>
        <source>The building was completed according to its permit; the deeds registry has been notified for the units&apos; deeds.</source>
        <translation>ساختمان مطابق پروانه به پایان رسیده و برای صدور سند واحدها به ادارهٔ ثبت اعلام شده است.</translation>
    </message>
    <message>
        <source>Delay of {n} days at the stage «{stage}»</source>
        <translation>تأخیر {n} روزه در مرحلهٔ «{stage}»</translation>
    </message>
    <message>
        <source>Grievance</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>گزارش</translation>
    </message>
    <message>
        <source>The citizen&apos;s words</source>
        <translation>سخن شهروند</translation>
    </message>
    <message>
        <source>The municipality&apos;s whistleblowing line (3890) answers in the case; follow it with the case&apos;s tracking code at any counter.</source>
        <translation>سامانهٔ سوت‌زنی شهرداری (۳۸۹۰) در همین پرونده پاسخ می‌دهد؛ با کد رهگیری پرونده در هر میز خدمت پیگیری کنید.</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>نگهداری تا</translation>
    </message>
    <message>
        <source>At any counter, give your national code and this code; after the one-time code on your mobile the request continues where it stopped. Without your mobile no one can open it.</source>
        <translation>در هر میز خدمت کد ملی و این کد را بدهید؛ پس از کد یک‌بار مصرف روی تلفن همراهتان، درخواست از همان‌جا ادامه می‌یابد. بدون تلفن همراه شما کسی نمی‌تواند آن را باز کند.</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>متصدی</translation>
    </message>
    <message>
        <source>The server&apos;s answer</source>
        <translation>پاسخ سرور</translation>
    </message>
    <message>
        <source>Reconciliation record</source>
        <translation>سابقهٔ تطبیق در سرور</translation>
    </message>
    <message>
        <source>not received from the server yet</source>
        <translation>هنوز از سرور نرسیده است</translation>
    </message>
    <message>
        <source>The money was taken on the card reader, but the municipality&apos;s server did not book the payment. Do not charge the citizen again. The supervisor refunds the card or books the payment by hand, then closes this item at the counter with the supervisor&apos;s PIN.</source>
        <translation>مبلغ با کارت‌خوان برداشت شده، اما سرور شهرداری پرداخت را ثبت نکرده است. دوباره از شهروند برداشت نکنید. سرپرست مبلغ را به کارت بازمی‌گرداند یا پرداخت را دستی ثبت می‌کند و سپس این مورد را در میز خدمت با رمز سرپرست می‌بندد.</translation>
    </message>
    <message>
        <source>Supervisor&apos;s name and signature</source>
        <translation>نام و امضای سرپرست</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>اقدام انجام‌شده</translation>
    </message>
    <message>
        <source>Genuine: issued by Isfahan Municipality and unchanged.</source>
        <translation>معتبر: صادرشده از سوی شهرداری اصفهان و بدون تغییر.</translation>
    </message>
    <message>
        <source>A TRAINING document: correctly signed by the training server, but it has no validity.</source>
        <translation>سند آموزشی: امضای سرور آموزشی درست است، اما این سند هیچ اعتباری ندارد.</translation>
    </message>
    <message>
        <source>NOT genuine: the document&apos;s data does not match its signature. It was changed or forged.</source>
        <translation>نامعتبر: اطلاعات سند با امضای آن نمی‌خواند. سند تغییر داده یا جعل شده است.</translation>
    </message>
    <message>
        <source>NOT genuine: the printed text differs from the seal ({what}). The paper was changed after it was issued; trust only the rows below.</source>
        <translation>نامعتبر: متن چاپ‌شده با مهر سند نمی‌خواند ({what}). این برگه پس از صدور تغییر داده شده است؛ فقط به ردیف‌های زیر اعتماد کنید.</translation>
    </message>
    <message>
        <source>Cannot be confirmed: it is signed with a key this counter does not know ({key}). Ask the municipality.</source>
        <translation>تأیید نشد: با کلیدی امضا شده که این میز خدمت نمی‌شناسد ({key}). از شهرداری استعلام کنید.</translation>
    </message>
    <message>
        <source>Cannot be confirmed: its key ({key}) was retired before the document&apos;s date.</source>
        <translation>تأیید نشد: کلید آن ({key}) پیش از تاریخ سند کنار گذاشته شده است.</translation>
    </message>
    <message>
        <source>Cannot be confirmed: the document is dated before its key ({key}) came into use, which a genuine document never is.</source>
        <translation>تأیید نشد: تاریخ سند پیش از آغاز به کار کلید آن ({key}) است، و سند اصل هرگز چنین نیست.</translation>
    </message>
    <message>
        <source>NOT valid: the municipality has withdrawn the key it was signed with ({key}). Ask the issuing office for a new copy.</source>
        <translation>بی‌اعتبار: شهرداری کلیدی را که این سند با آن امضا شده ({key}) باطل کرده است. نسخهٔ تازه را از دفتر صادرکننده بخواهید.</translation>
    </message>
    <message>
        <source>This is not the code of a municipal document. Scan the square code on the document.</source>
        <translation>این کد یک سند شهرداری نیست. کد مربعی روی سند را بخوانید.</translation>
    </message>
    <message>
        <source>No municipal code was found on this document. Scan the square code on the paper with the counter&apos;s scanner.</source>
        <translation>روی این سند کد شهرداری پیدا نشد. کد مربعی روی برگه را با اسکنر میز بخوانید.</translation>
    </message>
    <message>
        <source>There is no such file. Check its name, or scan the square code on the paper with the counter&apos;s scanner.</source>
        <translation>چنین فایلی وجود ندارد. نام آن را بررسی کنید، یا کد مربعی روی برگه را با اسکنر میز بخوانید.</translation>
    </message>
    <message>
        <source>NOT valid: the municipality issued this document, but it has been CANCELLED.</source>
        <translation>معتبر نیست: این سند را شهرداری صادر کرده، اما باطل شده است.</translation>
    </message>
    <message>
        <source>NOT valid: the municipality issued this document, but it has been REPLACED by a newer one; only the new one is valid.</source>
        <translation>معتبر نیست: این سند را شهرداری صادر کرده، اما سند تازه‌تری جای آن را گرفته است؛ فقط سند جدید معتبر است.</translation>
    </message>
    <message>
        <source>Cannot be confirmed: the seal is correct, but the municipality&apos;s register has no record of this document. Ask the issuing office.</source>
        <translation>تأیید نمی‌شود: مهر سند درست است، اما در دفتر اسناد شهرداری سابقه‌ای از این سند نیست. از دفتر صادرکننده بپرسید.</translation>
    </message>
    <message>
        <source>The municipality&apos;s register confirms it is in force ({when}).</source>
        <translation>دفتر اسناد شهرداری اعتبار کنونی آن را تأیید می‌کند ({when}).</translation>
    </message>
    <message>
        <source>This bill has already been paid ({when}, receipt {by}): it must not be paid again.</source>
        <translation>این قبض پیش‌تر پرداخت شده است ({when}، رسید {by}): نباید دوباره پرداخت شود.</translation>
    </message>
    <message>
        <source>Cancelled {when}. Reason: {reason}</source>
        <translation>تاریخ ابطال: {when}. علت: {reason}</translation>
    </message>
    <message>
        <source>Replaced {when} by number {by}. Reason: {reason}</source>
        <translation>در {when} سند شمارهٔ {by} جای آن را گرفت. علت: {reason}</translation>
    </message>
    <message>
        <source>The municipality&apos;s server could not be reached, so whether the document was cancelled or replaced since it was issued was not checked.</source>
        <translation>به سرور شهرداری دسترسی نبود؛ بنابراین باطل یا جایگزین شدن سند پس از صدور بررسی نشد.</translation>
    </message>
    <message>
        <source>The printed text was compared with the seal and agrees.</source>
        <translation>متن چاپ‌شدهٔ سند با مهر آن مقایسه شد و یکی است.</translation>
    </message>
    <message>
        <source>The printed text could not be read from this file, so it was not compared with the seal: compare the rows below with the paper.</source>
        <translation>متن چاپ‌شده از این فایل خوانده نشد و با مهر مقایسه نشد: ردیف‌های زیر را با خود برگه مقایسه کنید.</translation>
    </message>
    <message>
        <source>Checked offline: whether the document was cancelled or replaced since it was issued cannot be known here — the case page shows its current state.</source>
        <translation>بررسی بدون اتصال انجام شد: باطل یا جایگزین شدن سند پس از صدور از اینجا معلوم نیست — وضعیت کنونی آن را صفحهٔ پرونده نشان می‌دهد.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>دارنده</translation>
    </message>
    <message>
        <source>the printed code</source>
        <translation>کد چاپ‌شده</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>مرحله</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>روزهای تأخیر</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>دارد</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>تأخیر</translation>
    </message>
    <message>
        <source>No printer is installed on this computer. Ask the administrator to add the counter&apos;s printer, then print again.</source>
        <translation>هیچ چاپگری روی این رایانه نصب نیست. از مدیر سامانه بخواهید چاپگر میز خدمت را اضافه کند، سپس دوباره چاپ کنید.</translation>
    </message>
    <message>
        <source>The printer «{name}» is not available. Choose another printer or check that it is connected.</source>
        <translation>چاپگر «{name}» در دسترس نیست. چاپگر دیگری برگزینید یا اتصال آن را بررسی کنید.</translation>
    </message>
    <message>
        <source>The printer «{name}» reports a fault (out of paper, jammed or offline). Fix it, then print again.</source>
        <translation>چاپگر «{name}» خطا گزارش می‌کند (کاغذ تمام شده، گیر کرده یا خاموش است). آن را رفع کنید و دوباره چاپ کنید.</translation>
    </message>
    <message>
        <source>The document could not be sent to the printer «{name}». Check the printer and print again.</source>
        <translation>سند به چاپگر «{name}» فرستاده نشد. چاپگر را بررسی کنید و دوباره چاپ کنید.</translation>
    </message>
    <message>
        <source>This file could not be read as a document (a PDF or a picture of one). Scan the square code on the paper instead.</source>
        <translation>این فایل به‌عنوان سند (PDF یا تصویر سند) خوانده نشد. به‌جای آن کد مربعی روی برگه را بخوانید.</translation>
    </message>
    <message>
        <source>The file {file} was not read: someone other than an administrator can change it. Ask the administrator to protect it; until then documents under its keys cannot be confirmed.</source>
        <translation>فایل {file} خوانده نشد: کسی جز مدیر سیستم می‌تواند آن را تغییر دهد. از مدیر سیستم بخواهید آن را محافظت کند؛ تا آن زمان سندهای کلیدهای آن تأیید نمی‌شوند.</translation>
    </message>
    <message>
        <source>The file {file} could not be read ({why}). Ask the administrator to install it again.</source>
        <translation>فایل {file} خوانده نشد ({why}). از مدیر سیستم بخواهید آن را دوباره نصب کند.</translation>
    </message>
    <message>
        <source>The revocation list {file} is not signed by a revocation key this counter trusts; it was ignored. Ask the administrator.</source>
        <translation>فهرست ابطال {file} با کلید ابطالی که این میز به آن اعتماد دارد امضا نشده و نادیده گرفته شد. به مدیر سیستم خبر دهید.</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print preview</source>
        <translation>پیش‌نمایش چاپ</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>چاپگر</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>کاغذ</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>رول رسید ۸۰ میلی‌متری</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>چاپ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>(no printer installed)</source>
        <translation>(چاپگری نصب نیست)</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>در حال آماده‌سازی پیش‌نمایش…</translation>
    </message>
    <message>
        <source>This document&apos;s identifiers failed the national check rules; it is not printed. Tell support.</source>
        <translation>شناسه‌های این سند از قواعد کنترلی ملی رد شد؛ چاپ نمی‌شود. به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>در حال چاپ…</translation>
    </message>
    <message>
        <source>Sent to the printer «{name}».</source>
        <translation>به چاپگر «{name}» فرستاده شد.</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>چاپ دوباره</translation>
    </message>
</context>
<context>
    <name>ProjectStep</name>
    <message>
        <source>Building</source>
        <translation>ساختمان</translation>
    </message>
    <message>
        <source>Choose the floors within what the zone allows; the panel shows the allowed and requested area and the fees as you type.</source>
        <translation>طبقات را در حد مجاز پهنه انتخاب کنید؛ کادر کناری هم‌زمان با تایپ، زیربنای مجاز و درخواستی و عوارض را نشان می‌دهد.</translation>
    </message>
    <message>
        <source>Residential</source>
        <translation>مسکونی</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>تجاری</translation>
    </message>
    <message>
        <source>Commercial ground floor, residential above</source>
        <translation>همکف تجاری، طبقات بالا مسکونی</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>تعداد طبقات</translation>
    </message>
    <message>
        <source>Area of one floor (m²)</source>
        <translation>زیربنای هر طبقه (مترمربع)</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>تعداد واحد</translation>
    </message>
    <message>
        <source>Parking spaces</source>
        <translation>تعداد پارکینگ</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>کاربری</translation>
    </message>
    <message>
        <source>Enter the area of one floor in square metres.</source>
        <translation>زیربنای هر طبقه را به مترمربع وارد کنید.</translation>
    </message>
    <message>
        <source>The request fits the zone.</source>
        <translation>درخواست با ضوابط پهنه سازگار است.</translation>
    </message>
    <message>
        <source>The request does not fit the zone yet: see the notes above.</source>
        <translation>درخواست هنوز با ضوابط پهنه سازگار نیست؛ توضیحات بالا را ببینید.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>پوشه</translation>
    </message>
    <message>
        <source>File</source>
        <translation>فایل</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>درایو</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>فایل %1</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;جستجو در:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;نام فایل:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;نوع فایل:</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>جستجو در:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>نوع فایل:</translation>
    </message>
    <message>
        <source>File</source>
        <translation>فایل</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>پوشه</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Modified</source>
        <translation>تاریخ تغییر</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>تاریخ تغییر</translation>
    </message>
</context>
<context>
    <name>QuotePanel</name>
    <message>
        <source>Fees</source>
        <translation>عوارض</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>برآورد</translation>
    </message>
    <message>
        <source>Computed by this kiosk from the last published tariff; the server&apos;s figure is final.</source>
        <translation>محاسبه‌شده در همین پیشخوان با آخرین تعرفهٔ منتشرشده؛ رقم قطعی را سرور اعلام می‌کند.</translation>
    </message>
    <message>
        <source>Find the parcel to see what its zone allows.</source>
        <translation>ملک را پیدا کنید تا ضوابط پهنهٔ آن نمایش داده شود.</translation>
    </message>
    <message>
        <source>{amount} rials</source>
        <translation>{amount} ریال</translation>
    </message>
    <message>
        <source>Lot area</source>
        <translation>مساحت زمین</translation>
    </message>
    <message>
        <source>{n} m²</source>
        <translation>{n} مترمربع</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>پهنه</translation>
    </message>
    <message>
        <source>Density / occupancy</source>
        <translation>تراکم / سطح اشغال</translation>
    </message>
    <message>
        <source>Floors at most</source>
        <translation>حداکثر طبقات</translation>
    </message>
    <message>
        <source>{floors} floors × {floor} m²</source>
        <translation>{floors} طبقه × {floor} مترمربع</translation>
    </message>
    <message>
        <source>density</source>
        <translation>تراکم</translation>
    </message>
    <message>
        <source>(short by {n})</source>
        <translation>(کسری {n})</translation>
    </message>
    <message>
        <source>Allowed total area</source>
        <translation>زیربنای مجاز</translation>
    </message>
    <message>
        <source>Requested total area</source>
        <translation>زیربنای درخواستی</translation>
    </message>
    <message>
        <source>Largest floor</source>
        <translation>حداکثر زیربنای هر طبقه</translation>
    </message>
    <message>
        <source>Parking needed</source>
        <translation>پارکینگ لازم</translation>
    </message>
    <message>
        <source>Band: {band}</source>
        <translation>طبقهٔ جدول: {band}</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>اکنون</translation>
    </message>
    <message>
        <source>due with the permit</source>
        <translation>هنگام صدور پروانه</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>جمع کل</translation>
    </message>
    <message>
        <source>Payable now</source>
        <translation>قابل پرداخت اکنون</translation>
    </message>
    <message>
        <source>Payable with the permit</source>
        <translation>قابل پرداخت هنگام صدور پروانه</translation>
    </message>
    <message>
        <source>Tariff: {title}, year {year}, version {version}</source>
        <translation>تعرفه: {title}، سال {year}، نسخهٔ {version}</translation>
    </message>
    <message>
        <source>No tariff is available yet: the fees appear when the server answers.</source>
        <translation>هنوز تعرفه‌ای در دسترس نیست؛ عوارض پس از پاسخ سرور نمایش داده می‌شود.</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Receipts register</source>
        <translation>دفتر رسیدها</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>شمارهٔ رسید</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>یافتن</translation>
    </message>
    <message>
        <source>Back to the e-file</source>
        <translation>بازگشت به پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>رسید</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>For</source>
        <translation>بابت</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>مبلغ</translation>
    </message>
    <message>
        <source>Paid through</source>
        <translation>روش پرداخت</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Reprint…</source>
        <translation>چاپ دوباره…</translation>
    </message>
    <message>
        <source>Why the receipt is cancelled</source>
        <translation>دلیل ابطال رسید</translation>
    </message>
    <message>
        <source>For example: the card payment was reversed</source>
        <translation>مثلاً: مبلغ پرداخت کارتی برگشت داده شد</translation>
    </message>
    <message>
        <source>Cancel the receipt</source>
        <translation>ابطال رسید</translation>
    </message>
    <message>
        <source>Type the receipt number printed on the receipt.</source>
        <translation>شمارهٔ چاپ‌شده روی رسید را وارد کنید.</translation>
    </message>
    <message>
        <source>No receipt yet for this citizen.</source>
        <translation>هنوز رسیدی برای این شهروند نیست.</translation>
    </message>
    <message>
        <source>cancelled: {reason}</source>
        <translation>باطل‌شده: {reason}</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>معتبر</translation>
    </message>
    <message>
        <source>card reader</source>
        <translation>کارت‌خوان</translation>
    </message>
    <message>
        <source>bank</source>
        <translation>بانک</translation>
    </message>
    <message>
        <source>{n} rials</source>
        <translation>{n} ریال</translation>
    </message>
    <message>
        <source>Write why the receipt is cancelled (at least five characters).</source>
        <translation>دلیل ابطال رسید را بنویسید (دست‌کم پنج نویسه).</translation>
    </message>
    <message>
        <source>Receipt {n} was cancelled; the bill is open for payment again.</source>
        <translation>رسید {n} باطل شد؛ قبض دوباره قابل پرداخت است.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report to the {line} line</source>
        <translation>گزارش به سامانهٔ {line}</translation>
    </message>
    <message>
        <source>Delay at the current stage</source>
        <translation>تأخیر در مرحلهٔ جاری</translation>
    </message>
    <message>
        <source>Another grievance</source>
        <translation>شکایت دیگر</translation>
    </message>
    <message>
        <source>«{stage}», held by {holder}: {n} days past its deadline of {date}.</source>
        <translation>«{stage}» در دست {holder}: {n} روز از مهلت {date} گذشته است.</translation>
    </message>
    <message>
        <source>No stage of this case is past its deadline now, so a delay cannot be reported. Another grievance can, with its reason.</source>
        <translation>اکنون هیچ مرحله‌ای از این پرونده از مهلتش نگذشته است، پس گزارش تأخیر ممکن نیست. شکایت دیگر با ذکر دلیل ممکن است.</translation>
    </message>
    <message>
        <source>The citizen&apos;s words</source>
        <translation>سخن شهروند</translation>
    </message>
    <message>
        <source>Required for a grievance: at least ten characters</source>
        <translation>برای شکایت لازم است: دست‌کم ده نویسه</translation>
    </message>
    <message>
        <source>File the report</source>
        <translation>ثبت گزارش</translation>
    </message>
    <message>
        <source>Write the reason of the grievance in at least ten characters.</source>
        <translation>دلیل شکایت را دست‌کم در ده نویسه بنویسید.</translation>
    </message>
    <message>
        <source>Report to 3890 on case {n}</source>
        <translation>گزارش ۳۸۹۰ دربارهٔ پرونده {n}</translation>
    </message>
    <message>
        <source>The report is queued for sending (reference {ref}); its number appears when it reaches the municipality.</source>
        <translation>گزارش در صف ارسال است (مرجع {ref})؛ شمارهٔ آن پس از رسیدن به شهرداری نمایش داده می‌شود.</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>The citizen&apos;s answer to the objection</source>
        <translation>پاسخ شهروند به ایراد</translation>
    </message>
    <message>
        <source>Objection: {reason}
The citizen must: {action}</source>
        <translation>ایراد: {reason}
کار شهروند: {action}</translation>
    </message>
    <message>
        <source>What the citizen did</source>
        <translation>اقدام شهروند</translation>
    </message>
    <message>
        <source>For example the receipt number or the document delivered</source>
        <translation>مثلاً شمارهٔ رسید یا مدرک تحویل‌شده</translation>
    </message>
    <message>
        <source>Record the answer</source>
        <translation>ثبت پاسخ</translation>
    </message>
    <message>
        <source>Answer to an objection on case {n}</source>
        <translation>پاسخ به ایراد پرونده {n}</translation>
    </message>
    <message>
        <source>The answer is queued for sending (reference {ref}).</source>
        <translation>پاسخ در صف ارسال است (مرجع {ref}).</translation>
    </message>
</context>
<context>
    <name>ResultStep</name>
    <message>
        <source>Order issued</source>
        <translation>صدور دستور</translation>
    </message>
    <message>
        <source>Ends this citizen&apos;s visit and forgets their data (Ctrl+N)</source>
        <translation>خدمت به این شهروند را پایان می‌دهد و اطلاعات او را از این رایانه پاک می‌کند (Ctrl+N)</translation>
    </message>
    <message>
        <source>Print the order…</source>
        <translation>چاپ دستور تهیهٔ نقشه…</translation>
    </message>
    <message>
        <source>The plan-preparation order, sealed, for the citizen and the designers</source>
        <translation>دستور تهیهٔ نقشهٔ مهرشده، برای شهروند و طراحان</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>مشاهدهٔ پرونده</translation>
    </message>
    <message>
        <source>The stages of this case against their deadlines</source>
        <translation>مرحله‌های این پرونده و مهلت هر یک</translation>
    </message>
    <message>
        <source>Back to the e-file</source>
        <translation>بازگشت به پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>The citizen&apos;s electronic file: another request or service (Esc)</source>
        <translation>پروندهٔ الکترونیکی شهروند: درخواست یا خدمتی دیگر (Esc)</translation>
    </message>
    <message>
        <source>Tracking code</source>
        <translation>کد رهگیری</translation>
    </message>
    <message>
        <source>Order issued; pay here or at any bank with the slip&apos;s two IDs.</source>
        <translation>دستور تهیهٔ نقشه صادر شد؛ پرداخت همین‌جا یا در هر بانک با دو شناسهٔ فیش.</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>شمارهٔ پرونده</translation>
    </message>
    <message>
        <source>Plan-preparation order number</source>
        <translation>شمارهٔ دستور تهیهٔ نقشه</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>تاریخ صدور</translation>
    </message>
    <message>
        <source>Finish: next citizen</source>
        <translation>پایان خدمت: شهروند بعدی</translation>
    </message>
    <message>
        <source>The payment slip from the server failed the national check rules. Do not take payment; tell support.</source>
        <translation>فیش پرداختی که سرور فرستاده از بررسی ارقام کنترلی ملی رد شد. وجهی دریافت نکنید و به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>The server has not issued the order&apos;s paper yet. Try again in a minute, or print it later from the case.</source>
        <translation>سرور هنوز برگهٔ دستور را صادر نکرده است. یک دقیقهٔ دیگر دوباره تلاش کنید، یا بعداً آن را از صفحهٔ پرونده چاپ کنید.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>در حال دریافت…</translation>
    </message>
</context>
<context>
    <name>ResumePage</name>
    <message>
        <source>Continue an unfinished request</source>
        <translation>ادامهٔ درخواست ناتمام</translation>
    </message>
    <message>
        <source>Type the resume code the citizen received when the request was started.</source>
        <translation>کد ادامه‌ای را که شهروند هنگام شروع درخواست دریافت کرده است وارد کنید.</translation>
    </message>
    <message>
        <source>Resume code</source>
        <translation>کد ادامه</translation>
    </message>
    <message>
        <source>Open the request</source>
        <translation>باز کردن درخواست</translation>
    </message>
    <message>
        <source>Back to the e-file</source>
        <translation>بازگشت به پروندهٔ الکترونیکی</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>در حال باز کردن…</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <source>The username or password is wrong.</source>
        <translation>نام کاربری یا گذرواژه نادرست است.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked for {minutes} minutes.</source>
        <translation>گذرواژه چند بار نادرست وارد شد؛ این حساب {minutes} دقیقه قفل است.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>ابتدا وارد حساب کاربری خود شوید.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>نشست کاری شما به پایان رسیده است. دوباره وارد شوید.</translation>
    </message>
    <message>
        <source>This mobile number is not the one registered in this citizen&apos;s e-file. Use the registered number or update the e-file at a district office.</source>
        <translation>این شمارهٔ همراه با شمارهٔ ثبت‌شده در پروندهٔ الکترونیکی این شهروند یکی نیست. شمارهٔ ثبت‌شده را وارد کنید یا پروندهٔ الکترونیکی را در دفتر منطقه اصلاح کنید.</translation>
    </message>
    <message>
        <source>Too many codes were requested for this national code. Try again in {minutes} minutes.</source>
        <translation>برای این کد ملی بیش از حد مجاز کد درخواست شده است. {minutes} دقیقهٔ دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>This confirmation request was not found. Request a new code.</source>
        <translation>این درخواست تأیید پیدا نشد. کد تازه درخواست کنید.</translation>
    </message>
    <message>
        <source>The code has expired. Request a new code.</source>
        <translation>کد منقضی شده است. کد تازه درخواست کنید.</translation>
    </message>
    <message>
        <source>This code has already been used. Request a new code.</source>
        <translation>این کد قبلاً به کار رفته است. کد تازه درخواست کنید.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Wait {seconds} seconds, then try again.</source>
        <translation>کد چند بار نادرست وارد شد. {seconds} ثانیه صبر کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The code is wrong. {attempts} attempts left before a short lock.</source>
        <translation>کد نادرست است. {attempts} بار دیگر می‌توانید تلاش کنید؛ پس از آن کوتاه‌مدت قفل می‌شود.</translation>
    </message>
    <message>
        <source>A new code can be sent in {seconds} seconds.</source>
        <translation>کد تازه {seconds} ثانیهٔ دیگر قابل ارسال است.</translation>
    </message>
    <message>
        <source>No more codes can be sent for this request. Start again with the national code.</source>
        <translation>برای این درخواست کد دیگری فرستاده نمی‌شود. از ابتدا با وارد کردن کد ملی شروع کنید.</translation>
    </message>
    <message>
        <source>The citizen&apos;s consent is missing or has expired. Ask for a new one-time code.</source>
        <translation>رضایت شهروند ثبت نشده یا منقضی شده است. کد یک‌بار مصرف تازه درخواست کنید.</translation>
    </message>
    <message>
        <source>This citizen has no electronic file yet.</source>
        <translation>این شهروند هنوز پروندهٔ الکترونیکی ندارد.</translation>
    </message>
    <message>
        <source>This citizen already has an electronic file.</source>
        <translation>این شهروند پیش‌تر پروندهٔ الکترونیکی تشکیل داده است.</translation>
    </message>
    <message>
        <source>The e-file was changed by someone else meanwhile. Reopen it and apply your change again.</source>
        <translation>پروندهٔ الکترونیکی در این فاصله توسط شخص دیگری تغییر کرده است. آن را دوباره باز کنید و تغییر خود را دوباره اعمال کنید.</translation>
    </message>
    <message>
        <source>This is available on the training server only.</source>
        <translation>این امکان فقط در سرور آموزشی وجود دارد.</translation>
    </message>
    <message>
        <source>Isfahan Municipality: your confirmation code is {code}. Tell it only to the service desk operator in front of you. Valid for 2 minutes.</source>
        <translation>شهرداری اصفهان: کد یک‌بار مصرف شما {code} است. این کد را فقط به متصدی میز خدمتی که روبه‌روی شماست بگویید. اعتبار: ۲ دقیقه.</translation>
    </message>
    <message>
        <source>The request is not valid (field: {field}). Update the kiosk or tell support.</source>
        <translation>درخواست نامعتبر است (فیلد: {field}). پیشخوان را به‌روز کنید یا به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>The request&apos;s body is not valid JSON (no NaN or Infinity, numbers a double can hold, no key twice). Update the kiosk or tell support.</source>
        <translation>متن درخواست JSON درست نیست (بی NaN و Infinity، عددها در اندازهٔ مجاز، هیچ کلیدی دو بار). پیشخوان را به‌روز کنید یا به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>The server had an internal error. Try again in a minute.</source>
        <translation>در سرور خطای داخلی رخ داد. یک دقیقهٔ دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The request is not valid. Update the kiosk or tell support.</source>
        <translation>درخواست معتبر نیست. پیشخوان را به‌روز کنید یا به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Not found: this address or item does not exist.</source>
        <translation>یافت نشد: این نشانی یا مورد وجود ندارد.</translation>
    </message>
    <message>
        <source>This action is not available at this address.</source>
        <translation>این کار در این نشانی ممکن نیست.</translation>
    </message>
    <message>
        <source>The upload is not at the expected point. Ask its state and send the rest.</source>
        <translation>ارسال فایل در نقطهٔ مورد انتظار نیست. وضعیت آن را بپرسید و باقی را بفرستید.</translation>
    </message>
    <message>
        <source>This upload has expired. Send the file again.</source>
        <translation>مهلت این ارسال فایل گذشته است. فایل را دوباره بفرستید.</translation>
    </message>
    <message>
        <source>This version of the upload protocol is not supported. Update the kiosk.</source>
        <translation>این نسخهٔ قرارداد ارسال فایل پشتیبانی نمی‌شود. پیشخوان را به‌روز کنید.</translation>
    </message>
    <message>
        <source>The file or request is too large.</source>
        <translation>فایل یا درخواست بیش از اندازه بزرگ است.</translation>
    </message>
    <message>
        <source>This kind of content is not accepted here.</source>
        <translation>این نوع محتوا در اینجا پذیرفته نمی‌شود.</translation>
    </message>
    <message>
        <source>The request could not be carried out (error {status}).</source>
        <translation>درخواست انجام نشد (خطای {status}).</translation>
    </message>
    <message>
        <source>This request&apos;s tracking key was already used for another request.</source>
        <translation>کلید پیگیری این درخواست قبلاً برای درخواست دیگری به کار رفته است.</translation>
    </message>
    <message>
        <source>This request&apos;s tracking key belongs to a request of another operator or another citizen&apos;s consent. It was not carried out.</source>
        <translation>کد پیگیری این درخواست متعلق به درخواستِ متصدی دیگر یا رضایت شهروند دیگری است. این درخواست انجام نشد.</translation>
    </message>
    <message>
        <source>The request&apos;s tracking key is not valid (8 to 128 visible ASCII characters). Update the kiosk.</source>
        <translation>کد پیگیری درخواست معتبر نیست (۸ تا ۱۲۸ نویسهٔ لاتین). پیشخوان را به‌روز کنید.</translation>
    </message>
    <message>
        <source>The same request is still being processed. Try again in a moment.</source>
        <translation>همین درخواست هنوز در حال پردازش است. لحظه‌ای دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The server cannot check this request against its record right now. It is kept; try again later.</source>
        <translation>سرور اکنون نمی‌تواند این درخواست را با سابقه‌اش تطبیق دهد. درخواست نگه داشته می‌شود؛ بعداً دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The request arrived incomplete and was not carried out. Send it again.</source>
        <translation>درخواست ناقص رسید و انجام نشد. دوباره بفرستید.</translation>
    </message>
    <message>
        <source>No parcel has this renovation code or deed plate. Check the numbers on the deed or the last renovation-fee bill.</source>
        <translation>ملکی با این کد نوسازی یا پلاک ثبتی پیدا نشد. شماره‌ها را با سند یا آخرین قبض عوارض نوسازی مقایسه کنید.</translation>
    </message>
    <message>
        <source>Search by renovation code, or by all three numbers of the deed plate.</source>
        <translation>با کد نوسازی، یا با هر سه شمارهٔ پلاک ثبتی جست‌وجو کنید.</translation>
    </message>
    <message>
        <source>This parcel is already under another permit application (case {case}). Follow that case instead.</source>
        <translation>این ملک هم‌اکنون در پروندهٔ پروانهٔ دیگری است (پروندهٔ {case}). همان پرونده را پیگیری کنید.</translation>
    </message>
    <message>
        <source>No tariff booklet is published for this year yet, so fees cannot be computed. Tell the district office.</source>
        <translation>دفترچهٔ تعرفهٔ امسال هنوز منتشر نشده و محاسبهٔ عوارض ممکن نیست. به دفتر منطقه اطلاع دهید.</translation>
    </message>
    <message>
        <source>No unfinished request has this code for this national code, or it has expired.</source>
        <translation>درخواست ناتمامی با این کد برای این کد ملی نیست یا مهلت آن تمام شده است.</translation>
    </message>
    <message>
        <source>This request was changed at another counter meanwhile. Reopen it with its resume code.</source>
        <translation>این درخواست در این فاصله در پیشخوان دیگری تغییر کرده است. آن را با کد ادامه دوباره باز کنید.</translation>
    </message>
    <message>
        <source>The saved request is too large.</source>
        <translation>حجم اطلاعات ذخیره‌شدهٔ درخواست بیش از حد مجاز است.</translation>
    </message>
    <message>
        <source>This document is not on the checklist of this request.</source>
        <translation>این مدرک در فهرست مدارک این درخواست نیست.</translation>
    </message>
    <message>
        <source>Only PDF, JPEG or PNG files are accepted for this document.</source>
        <translation>برای این مدرک فقط فایل PDF، JPEG یا PNG پذیرفته می‌شود.</translation>
    </message>
    <message>
        <source>The file arrived damaged. Send it again.</source>
        <translation>فایل ناقص رسید. دوباره ارسال کنید.</translation>
    </message>
    <message>
        <source>Documents still missing: {items}.</source>
        <translation>مدارک باقی‌مانده: {items}.</translation>
    </message>
    <message>
        <source>The uploaded file was not found or has expired. Send it again.</source>
        <translation>فایل ارسال‌شده پیدا نشد یا مهلت آن گذشته است. دوباره ارسال کنید.</translation>
    </message>
    <message>
        <source>The file has not fully arrived yet. Let the upload finish.</source>
        <translation>فایل هنوز کامل نرسیده است. بگذارید ارسال تمام شود.</translation>
    </message>
    <message>
        <source>The tariff changed (now version {version}); the fees are now {total} rials. Show the citizen the new quote and submit again.</source>
        <translation>تعرفه تغییر کرده است (نسخهٔ {version})؛ عوارض اکنون {total} ریال است. برآورد تازه را به شهروند نشان دهید و دوباره ثبت کنید.</translation>
    </message>
    <message>
        <source>The fees are now {total} rials, not the amount shown. Show the citizen the new quote and submit again.</source>
        <translation>عوارض اکنون {total} ریال است، نه مبلغ نمایش‌داده‌شده. برآورد تازه را به شهروند نشان دهید و دوباره ثبت کنید.</translation>
    </message>
    <message>
        <source>No bill has this bill ID.</source>
        <translation>قبضی با این شناسهٔ قبض وجود ندارد.</translation>
    </message>
    <message>
        <source>The bill ID or payment ID is not valid. Type them again from the payment slip.</source>
        <translation>شناسهٔ قبض یا شناسهٔ پرداخت معتبر نیست. آن‌ها را دوباره از روی فیش وارد کنید.</translation>
    </message>
    <message>
        <source>The payment ID or the amount does not match this bill.</source>
        <translation>شناسهٔ پرداخت یا مبلغ با این قبض نمی‌خواند.</translation>
    </message>
    <message>
        <source>This bill is already paid (receipt {receipt}). Do not take payment again.</source>
        <translation>این قبض پیش‌تر پرداخت شده است (رسید {receipt}). دوباره وجه دریافت نکنید.</translation>
    </message>
    <message>
        <source>Enter the reference number printed by the card reader.</source>
        <translation>شمارهٔ مرجع چاپ‌شده روی رسید کارت‌خوان را وارد کنید.</translation>
    </message>
    <message>
        <source>This service is not in the catalog.</source>
        <translation>این خدمت در فهرست خدمات نیست.</translation>
    </message>
    <message>
        <source>This service has its own guided steps; it cannot be sent as a form.</source>
        <translation>این خدمت مراحل راهنمای خود را دارد و با فرم ساده ثبت نمی‌شود.</translation>
    </message>
    <message>
        <source>No permit case has this number for this citizen.</source>
        <translation>پروندهٔ پروانه‌ای با این شماره برای این شهروند وجود ندارد.</translation>
    </message>
    <message>
        <source>No receipt has this number. Check it on the citizen&apos;s receipt.</source>
        <translation>رسیدی با این شماره نیست. شماره را با رسید شهروند تطبیق دهید.</translation>
    </message>
    <message>
        <source>Joining uploads is not offered. Send the file as one upload.</source>
        <translation>پیوستن چند ارسال به هم پشتیبانی نمی‌شود. فایل را یک‌جا بفرستید.</translation>
    </message>
    <message>
        <source>Only the clerk who recorded this receipt, or a supervisor of the district, can cancel it.</source>
        <translation>فقط متصدی‌ای که این رسید را ثبت کرده، یا سرپرست همان منطقه، می‌تواند آن را باطل کند.</translation>
    </message>
    <message>
        <source>Write why the receipt is cancelled (at least five characters).</source>
        <translation>دلیل ابطال رسید را بنویسید (دست‌کم پنج نویسه).</translation>
    </message>
    <message>
        <source>A payment made at a bank cannot be cancelled at the counter; the bank reverses it.</source>
        <translation>پرداختی که در بانک انجام شده در میز خدمت باطل نمی‌شود؛ بانک آن را برگشت می‌دهد.</translation>
    </message>
    <message>
        <source>The case has moved past this payment, so its receipt cannot be cancelled here. Refer the citizen to the district office.</source>
        <translation>پرونده از مرحلهٔ این پرداخت گذشته است، پس رسید آن اینجا باطل نمی‌شود. شهروند را به شهرداری منطقه راهنمایی کنید.</translation>
    </message>
    <message>
        <source>No permit case has this tracking code. Check the number on the citizen&apos;s receipt.</source>
        <translation>پرونده‌ای با این کد رهگیری وجود ندارد. شماره را با رسید شهروند تطبیق دهید.</translation>
    </message>
    <message>
        <source>This case belongs to another citizen. Its owner&apos;s one-time code is needed for this.</source>
        <translation>این پرونده متعلق به شهروند دیگری است. برای این کار کد یک‌بار مصرف مالک پرونده لازم است.</translation>
    </message>
    <message>
        <source>Search by national code or electronic file number.</source>
        <translation>با کد ملی یا شمارهٔ پروندهٔ الکترونیکی جست‌وجو کنید.</translation>
    </message>
    <message>
        <source>No electronic file has this number.</source>
        <translation>پروندهٔ الکترونیکی با این شماره وجود ندارد.</translation>
    </message>
    <message>
        <source>This case is now at the stage «{stage}»; this can be done only at the stage «{needed}».</source>
        <translation>این پرونده اکنون در مرحلهٔ «{stage}» است؛ این کار فقط در مرحلهٔ «{needed}» ممکن است.</translation>
    </message>
    <message>
        <source>The drawings were already sent and are at the stage «{stage}». Wait for the answer; do not send them again.</source>
        <translation>نقشه‌ها پیش‌تر ارسال شده‌اند و در مرحلهٔ «{stage}» هستند. منتظر پاسخ بمانید؛ دوباره ارسال نکنید.</translation>
    </message>
    <message>
        <source>This kind of drawing is not asked for in a permit case.</source>
        <translation>این نوع نقشه در پروندهٔ پروانه خواسته نشده است.</translation>
    </message>
    <message>
        <source>Drawings still missing: {items}.</source>
        <translation>نقشه‌های باقی‌مانده: {items}.</translation>
    </message>
    <message>
        <source>Drawings are accepted as PDF files only.</source>
        <translation>نقشه‌ها فقط به صورت فایل PDF پذیرفته می‌شوند.</translation>
    </message>
    <message>
        <source>The drawings have {declared} floors but the approved request allows {approved}. Ask the designer to correct the drawings.</source>
        <translation>نقشه‌ها {declared} طبقه دارند اما درخواست تأییدشده {approved} طبقه را مجاز می‌داند. از طراح بخواهید نقشه‌ها را اصلاح کند.</translation>
    </message>
    <message>
        <source>The drawings&apos; total area ({declared} m²) is more than the approved {approved} m². Ask the designer to correct the drawings.</source>
        <translation>زیربنای کل نقشه‌ها ({declared} مترمربع) از {approved} مترمربع تأییدشده بیشتر است. از طراح بخواهید نقشه‌ها را اصلاح کند.</translation>
    </message>
    <message>
        <source>The drawings have {declared} units but the approved request allows {approved}.</source>
        <translation>نقشه‌ها {declared} واحد دارند اما درخواست تأییدشده {approved} واحد را مجاز می‌داند.</translation>
    </message>
    <message>
        <source>Enter the building&apos;s height from the drawings.</source>
        <translation>ارتفاع ساختمان را از روی نقشه‌ها وارد کنید.</translation>
    </message>
    <message>
        <source>No objection is waiting for the citizen&apos;s answer in this case.</source>
        <translation>در این پرونده ایرادی منتظر پاسخ شهروند نیست.</translation>
    </message>
    <message>
        <source>Write what the citizen did about the objection (for example the receipt number).</source>
        <translation>بنویسید شهروند دربارهٔ ایراد چه کرده است (مثلاً شمارهٔ رسید).</translation>
    </message>
    <message>
        <source>This stage is not open now, so it cannot be late.</source>
        <translation>این مرحله اکنون باز نیست، پس تأخیری ندارد.</translation>
    </message>
    <message>
        <source>This stage is waiting for the citizen, not for the municipality; it cannot be reported as a delay.</source>
        <translation>این مرحله منتظر شهروند است، نه شهرداری؛ نمی‌توان آن را تأخیر گزارش کرد.</translation>
    </message>
    <message>
        <source>This stage is on time ({days} days left). A delay can be reported once its deadline has passed; for another complaint choose «other grievance» and write the reason.</source>
        <translation>این مرحله در مهلت است ({days} روز مانده). پس از گذشتن مهلت می‌توان تأخیر را گزارش کرد؛ برای شکایت دیگر «شکایت دیگر» را برگزینید و دلیل را بنویسید.</translation>
    </message>
    <message>
        <source>A delay report for this stage is already open (number {number}). Follow that one.</source>
        <translation>برای این مرحله گزارش تأخیر باز دیگری هست (شمارهٔ {number}). همان را پیگیری کنید.</translation>
    </message>
    <message>
        <source>Write the reason of the grievance in at least ten characters.</source>
        <translation>دلیل شکایت را دست‌کم در ده نویسه بنویسید.</translation>
    </message>
    <message>
        <source>This case is completed; nothing more can be filed on it.</source>
        <translation>این پرونده تکمیل شده است؛ چیز دیگری نمی‌توان در آن ثبت کرد.</translation>
    </message>
    <message>
        <source>No reconciliation record has this reference.</source>
        <translation>سابقهٔ تطبیقی با این شماره وجود ندارد.</translation>
    </message>
    <message>
        <source>This reconciliation record belongs to another counter&apos;s operator.</source>
        <translation>این سابقهٔ تطبیق متعلق به متصدی میز خدمتِ دیگری است.</translation>
    </message>
    <message>
        <source>A reconciliation record with this reference already exists with other details.</source>
        <translation>سابقهٔ تطبیقی با همین شماره اما با مشخصات دیگری از پیش وجود دارد.</translation>
    </message>
    <message>
        <source>The request is too large (at most {limit} bytes here).</source>
        <translation>درخواست بیش از اندازه بزرگ است (در اینجا حداکثر {limit} بایت).</translation>
    </message>
    <message>
        <source>The request gives both Content-Length and Transfer-Encoding; send one of them. Update the kiosk or tell support.</source>
        <translation>درخواست هم Content-Length دارد و هم Transfer-Encoding؛ فقط یکی را بفرستید. پیشخوان را به‌روز کنید یا به پشتیبانی اطلاع دهید.</translation>
    </message>
    <message>
        <source>The request&apos;s address is too long.</source>
        <translation>نشانی درخواست بیش از اندازه بلند است.</translation>
    </message>
    <message>
        <source>The upload protocol version is not supported. Update the kiosk.</source>
        <translation>نسخهٔ قرارداد ارسال فایل پشتیبانی نمی‌شود. پیشخوان را به‌روز کنید.</translation>
    </message>
    <message>
        <source>The upload must state the file&apos;s size in bytes.</source>
        <translation>ارسال فایل باید اندازهٔ فایل را به بایت بگوید.</translation>
    </message>
    <message>
        <source>The file is larger than {limit} MB. Send a smaller file.</source>
        <translation>فایل بزرگ‌تر از {limit} مگابایت است. فایل کوچک‌تری بفرستید.</translation>
    </message>
    <message>
        <source>The upload must name the file, its type and its SHA-256 fingerprint. Update the kiosk.</source>
        <translation>ارسال فایل باید نام، نوع و اثر انگشت SHA-256 فایل را بگوید. پیشخوان را به‌روز کنید.</translation>
    </message>
    <message>
        <source>A part of an upload must be sent as application/offset+octet-stream.</source>
        <translation>هر بخش از فایل باید با نوع application/offset+octet-stream فرستاده شود.</translation>
    </message>
    <message>
        <source>The upload&apos;s position is missing or not a number.</source>
        <translation>جایگاه ارسال فایل گفته نشده یا عدد نیست.</translation>
    </message>
    <message>
        <source>A part of an upload must state its length.</source>
        <translation>هر بخش از فایل باید طول خود را بگوید.</translation>
    </message>
    <message>
        <source>The upload does not continue where the server expects. Ask for its state and send the rest.</source>
        <translation>ارسال فایل از جایی که کارساز انتظار دارد ادامه نمی‌یابد. وضعیت آن را بپرسید و باقی را بفرستید.</translation>
    </message>
    <message>
        <source>This part would make the file longer than its stated size.</source>
        <translation>این بخش فایل را از اندازهٔ گفته‌شده بلندتر می‌کند.</translation>
    </message>
    <message>
        <source>An upload of unknown length is not offered. State the file&apos;s size.</source>
        <translation>ارسال فایل با اندازهٔ نامعلوم ممکن نیست. اندازهٔ فایل را بگویید.</translation>
    </message>
    <message>
        <source>The municipality has no record of a document with this seal.</source>
        <translation>در دفتر اسناد شهرداری سندی با این مهر ثبت نشده است.</translation>
    </message>
    <message>
        <source>Only an issued permit or completion certificate in force can be replaced.</source>
        <translation>فقط پروانه یا گواهی پایان کار صادرشده و معتبر را می‌توان جایگزین کرد.</translation>
    </message>
    <message>
        <source>Write why the document is replaced (at least five characters).</source>
        <translation>علت جایگزینی سند را بنویسید (دست‌کم پنج نویسه).</translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>from {min} to {max}</source>
        <translation>از {min} تا {max}</translation>
    </message>
    <message>
        <source>{label} (optional)</source>
        <translation>{label} (اختیاری)</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— انتخاب کنید —</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The settings file {file} was not read: someone other than an administrator can change it. Ask the administrator to protect it.</source>
        <translation>فایل تنظیمات {file} خوانده نشد: کسی جز مدیر سیستم می‌تواند آن را تغییر دهد. از مدیر سیستم بخواهید آن را محافظت کند.</translation>
    </message>
    <message>
        <source>The administrator has locked «{setting}» in {file}; it cannot be changed from the command line. Start the kiosk without it, or ask the administrator.</source>
        <translation>مدیر سیستم «{setting}» را در {file} قفل کرده است و از خط فرمان تغییر نمی‌کند. پیشخوان را بدون آن اجرا کنید، یا از مدیر سیستم بپرسید.</translation>
    </message>
    <message>
        <source>No municipal server is set: the administrator sets server_url in {file}, or start the kiosk with --server URL, or with --training to practise.</source>
        <translation>نشانی سرور شهرداری تنظیم نشده است: مدیر سیستم server_url را در {file} می‌نویسد، یا پیشخوان را با ⁦--server URL⁩ یا برای تمرین با ⁦--training⁩ اجرا کنید.</translation>
    </message>
    <message>
        <source>Municipal server address</source>
        <translation>نشانی سرور شهرداری</translation>
    </message>
    <message>
        <source>Connection timeout (seconds)</source>
        <translation>مهلت برقراری اتصال (ثانیه)</translation>
    </message>
    <message>
        <source>Answer timeout (seconds)</source>
        <translation>مهلت دریافت پاسخ (ثانیه)</translation>
    </message>
    <message>
        <source>Server check interval (seconds)</source>
        <translation>فاصلهٔ بررسی سرور (ثانیه)</translation>
    </message>
    <message>
        <source>Case notifications check interval (seconds)</source>
        <translation>فاصلهٔ بررسی تغییرات پرونده‌ها (ثانیه)</translation>
    </message>
    <message>
        <source>Show the receipt&apos;s print preview after a payment or a report</source>
        <translation>نمایش پیش‌نمایش چاپ رسید پس از پرداخت یا گزارش</translation>
    </message>
    <message>
        <source>Text size (points)</source>
        <translation>اندازهٔ متن (پوینت)</translation>
    </message>
    <message>
        <source>Citizen idle timeout (seconds)</source>
        <translation>مهلت بی‌کاری شهروند (ثانیه)</translation>
    </message>
    <message>
        <source>District of this counter (0: none)</source>
        <translation>منطقهٔ این پیشخوان (۰: هیچ‌کدام)</translation>
    </message>
    <message>
        <source>Countdown before an idle visit ends (seconds)</source>
        <translation>شمارش معکوس پیش از پایان مراجعهٔ بی‌فعالیت (ثانیه)</translation>
    </message>
    <message>
        <source>Clerk session lock after (seconds idle)</source>
        <translation>قفل نشست متصدی پس از (ثانیه بی‌فعالیتی)</translation>
    </message>
    <message>
        <source>Counter mode: full screen, PIN to leave</source>
        <translation>حالت قفل: تمام‌صفحه، خروج با رمز</translation>
    </message>
    <message>
        <source>PIN to leave counter mode (hash from `kiosk hash-pin`)</source>
        <translation>رمز خروج از حالت قفل (درهم‌شده با `kiosk hash-pin`)</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN: closes reconciliations, sets unreadable requests aside (hash from `kiosk hash-pin`)</source>
        <translation>رمز سرپرست: بستن تطبیق‌ها و کنار گذاشتن درخواست‌های ناخوانا (چکیده از `kiosk hash-pin`)</translation>
    </message>
    <message>
        <source>Update repository address (none: no updates)</source>
        <translation>نشانی مخزن به‌روزرسانی (خالی: بدون به‌روزرسانی)</translation>
    </message>
    <message>
        <source>Update channel (stable or pilot)</source>
        <translation>کانال به‌روزرسانی (پایدار یا آزمایشی)</translation>
    </message>
    <message>
        <source>Update check interval (seconds)</source>
        <translation>فاصلهٔ بررسی به‌روزرسانی (ثانیه)</translation>
    </message>
    <message>
        <source>Printer for this kind of document</source>
        <translation>چاپگر این نوع سند</translation>
    </message>
    <message>
        <source>Paper for this kind of document</source>
        <translation>کاغذ این نوع سند</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Operator sign-in</source>
        <translation>ورود متصدی</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>نام کاربری</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>گذرواژه</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>ورود</translation>
    </message>
    <message>
        <source>Training accounts (username / password):</source>
        <translation>حساب‌های آموزشی (نام کاربری / گذرواژه):</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>در حال اتصال به سرور…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>در حال ورود…</translation>
    </message>
</context>
<context>
    <name>SmsInboxDialog</name>
    <message>
        <source>Training SMS inbox</source>
        <translation>صندوق پیامک آموزشی</translation>
    </message>
    <message>
        <source>Training only: on a real counter these messages reach the citizen&apos;s phone.</source>
        <translation>فقط برای آموزش: در پیشخوان واقعی این پیامک‌ها به گوشی شهروند می‌رسند.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
</context>
<context>
    <name>StillThereDialog</name>
    <message>
        <source>Are you still there?</source>
        <translation>هنوز اینجا هستید؟</translation>
    </message>
    <message>
        <source>Yes, continue</source>
        <translation>بله، ادامه می‌دهم</translation>
    </message>
    <message>
        <source>Nothing has been done for a while. To protect the citizen&apos;s information, this visit ends in {n} seconds and everything typed is forgotten (requests already saved are kept).</source>
        <translation>مدتی است کاری انجام نشده است. برای حفظ اطلاعات شهروند، این مراجعه تا {n} ثانیهٔ دیگر پایان می‌یابد و هر چه وارد شده پاک می‌شود (درخواست‌های ذخیره‌شده می‌مانند).</translation>
    </message>
</context>
<context>
    <name>SummaryStep</name>
    <message>
        <source>Review and submit</source>
        <translation>بازبینی و ثبت</translation>
    </message>
    <message>
        <source>Submit and issue the plan-preparation order</source>
        <translation>ثبت و صدور دستور تهیهٔ نقشه</translation>
    </message>
    <message>
        <source>Residential</source>
        <translation>مسکونی</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>تجاری</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>مختلط</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>ملک</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>مالکان</translation>
    </message>
    <message>
        <source>Attorney</source>
        <translation>وکیل</translation>
    </message>
    <message>
        <source>{name}, power of attorney {number} of {date}</source>
        <translation>{name}، وکالت‌نامهٔ شمارهٔ {number} مورخ {date}</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>ساختمان</translation>
    </message>
    <message>
        <source>{floors} floors × {area} m² = {total} m², {units} units, {parking} parking, {use}</source>
        <translation>{floors} طبقه × {area} مترمربع = {total} مترمربع، {units} واحد، {parking} پارکینگ، {use}</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>مدارک</translation>
    </message>
    <message>
        <source>Documents are still being sent; submitting is possible when they arrive.</source>
        <translation>مدارک هنوز در حال ارسال‌اند؛ پس از رسیدن آن‌ها ثبت درخواست ممکن می‌شود.</translation>
    </message>
    <message>
        <source>The server&apos;s final quote is not here yet (the panel shows an estimate). Submitting needs the connection.</source>
        <translation>برآورد قطعی سرور هنوز نرسیده است (کادر کناری برآورد پیشخوان را نشان می‌دهد). ثبت درخواست به اتصال نیاز دارد.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>در حال ذخیره…</translation>
    </message>
    <message>
        <source>Queued for sending. Tracking reference: {ref}</source>
        <translation>در صف ارسال. کد رهگیری: {ref}</translation>
    </message>
    <message>
        <source>Building permit request, parcel {code}</source>
        <translation>درخواست پروانهٔ ساختمانی، ملک {code}</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>رمز سرپرست</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>تأیید</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Write what was done (at least three characters).</source>
        <translation>بنویسید چه اقدامی انجام شد (دست‌کم سه نویسه).</translation>
    </message>
    <message>
        <source>Type the supervisor&apos;s PIN.</source>
        <translation>رمز سرپرست را وارد کنید.</translation>
    </message>
    <message>
        <source>No supervisor&apos;s PIN is set on this counter. The administrator sets supervisor_pin in the system settings file.</source>
        <translation>برای این میز خدمت رمز سرپرست تعیین نشده است. مدیر سامانه آن را با supervisor_pin در فایل تنظیمات سامانه تعیین می‌کند.</translation>
    </message>
    <message>
        <source>The PIN is wrong. Try again in {n} seconds.</source>
        <translation>رمز نادرست است. {n} ثانیهٔ دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The PIN is wrong.</source>
        <translation>رمز نادرست است.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {n} seconds.</source>
        <translation>رمز چند بار نادرست وارد شد. {n} ثانیهٔ دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The PIN could not be checked.</source>
        <translation>رمز بررسی نشد.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Waiting to be sent</source>
        <translation>در انتظار ارسال</translation>
    </message>
    <message>
        <source>Requests are kept safely on this counter until the server confirms them, and sent in order as soon as the connection allows.</source>
        <translation>درخواست‌ها تا تأیید سرور به‌طور امن در همین پیشخوان نگه داشته می‌شوند و به محض برقراری اتصال به ترتیب ارسال می‌شوند.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>درخواست</translation>
    </message>
    <message>
        <source>State</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>علت</translation>
    </message>
    <message>
        <source>Queued at</source>
        <translation>زمان ثبت</translation>
    </message>
    <message>
        <source>Tracking reference</source>
        <translation>کد رهگیری</translation>
    </message>
    <message>
        <source>Needs a supervisor</source>
        <translation>نیازمند اقدام سرپرست</translation>
    </message>
    <message>
        <source>Print the reconciliation slip…</source>
        <translation>چاپ برگهٔ تطبیق…</translation>
    </message>
    <message>
        <source>Close the reconciliation (supervisor)…</source>
        <translation>بستن تطبیق (سرپرست)…</translation>
    </message>
    <message>
        <source>Set unreadable requests aside (supervisor)…</source>
        <translation>کنار گذاشتن درخواست‌های ناخوانا (سرپرست)…</translation>
    </message>
    <message>
        <source>Nothing is waiting: everything has reached the server.</source>
        <translation>چیزی در صف نیست؛ همه‌چیز به سرور رسیده است.</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>تلاش دوباره</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>کنار گذاشتن…</translation>
    </message>
    <message>
        <source>Only a refused request, or one not sent yet; never a payment</source>
        <translation>فقط درخواست ردشده یا هنوز ارسال‌نشده؛ هرگز پرداخت</translation>
    </message>
    <message>
        <source>unreadable; kept aside</source>
        <translation>ناخوانا؛ کنار گذاشته شده</translation>
    </message>
    <message>
        <source>Its key is missing or it was damaged. It stays on this PC and becomes readable again if the key is restored; it holds nothing back.</source>
        <translation>کلیدش در دسترس نیست یا آسیب دیده است. روی همین رایانه می‌ماند و اگر کلید بازگردانده شود دوباره خوانا می‌شود؛ جلوی درخواست دیگری را نمی‌گیرد.</translation>
    </message>
    <message>
        <source>closed; waiting for the server</source>
        <translation>بسته شد؛ منتظر تأیید سرور</translation>
    </message>
    <message>
        <source>The supervisor closed it; it leaves this list when the server confirms.</source>
        <translation>سرپرست آن را بست؛ با تأیید سرور از این فهرست بیرون می‌رود.</translation>
    </message>
    <message>
        <source>waiting to be sent (tried {n} times)</source>
        <translation>در صف ارسال ({n} بار تلاش شد)</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>در صف ارسال</translation>
    </message>
    <message>
        <source>(unreadable request)</source>
        <translation>(درخواست ناخوانا)</translation>
    </message>
    <message>
        <source>Dismiss this request?</source>
        <translation>این درخواست کنار گذاشته شود؟</translation>
    </message>
    <message>
        <source>Close the reconciliation</source>
        <translation>بستن تطبیق</translation>
    </message>
    <message>
        <source>Close «{label}» only after the money taken on the card reader was refunded or booked by hand. The closing is sent to the server with your note.</source>
        <translation>«{label}» را فقط پس از بازگرداندن مبلغ به کارت یا ثبت دستی پرداخت ببندید. بستن همراه با یادداشت شما به سرور فرستاده می‌شود.</translation>
    </message>
    <message>
        <source>What was done (refund, manual booking)</source>
        <translation>اقدام انجام‌شده (بازگرداندن مبلغ، ثبت دستی)</translation>
    </message>
    <message>
        <source>Closing of the reconciliation of «{label}»</source>
        <translation>بستن تطبیق «{label}»</translation>
    </message>
    <message>
        <source>Set unreadable requests aside</source>
        <translation>کنار گذاشتن درخواست‌های ناخوانا</translation>
    </message>
    <message>
        <source>Requests on this counter were sealed with a key that is no longer here (for example after the user&apos;s profile was reset). They stay on the disk, unreadable, and become readable again if the administrator restores the key. New requests get a new key.</source>
        <translation>درخواست‌هایی روی این میز خدمت با کلیدی رمز شده‌اند که دیگر در دسترس نیست (مثلاً پس از بازنشانی پروفایل کاربر). آن‌ها ناخوانا روی دیسک می‌مانند و اگر مدیر سامانه کلید را بازگرداند دوباره خوانا می‌شوند. درخواست‌های تازه کلید تازه‌ای می‌گیرند.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>needs reconciliation</source>
        <translation>نیازمند تطبیق</translation>
    </message>
    <message>
        <source>Money was taken on the card reader and the server did not book it: the supervisor refunds or books it, then closes it here.</source>
        <translation>مبلغ با کارت‌خوان برداشت شده و سرور آن را ثبت نکرده است: سرپرست مبلغ را بازمی‌گرداند یا دستی ثبت می‌کند و سپس همین‌جا آن را می‌بندد.</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>رد شد</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>در حال ارسال</translation>
    </message>
    <message>
        <source>waiting for {clerk} to sign in</source>
        <translation>منتظر ورود {clerk}</translation>
    </message>
    <message>
        <source>A request is sent only under the clerk who took it.</source>
        <translation>هر درخواست فقط به نام متصدی‌ای فرستاده می‌شود که آن را ثبت کرده است.</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>ارسال شد</translation>
    </message>
    <message>
        <source>«{label}» will not be sent to the server. Do this only if the request is no longer wanted or was filed again another way.</source>
        <translation>«{label}» به سرور فرستاده نخواهد شد. فقط وقتی حذف کنید که درخواست دیگر لازم نیست یا از راه دیگری دوباره ثبت شده است.</translation>
    </message>
</context>
<context>
    <name>TimetableTable</name>
    <message>
        <source>Stage</source>
        <translation>مرحله</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>در دست</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>مهلت مقرر</translation>
    </message>
    <message>
        <source>Applies</source>
        <translation>شرط</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} روز</translation>
    </message>
    <message>
        <source>always</source>
        <translation>همیشه</translation>
    </message>
</context>
<context>
    <name>Updates</name>
    <message>
        <source>Version {version} was downloaded and checked; it starts the next time the kiosk starts.</source>
        <translation>نسخهٔ {version} دریافت و بررسی شد؛ با شروع دوبارهٔ پیشخوان اجرا می‌شود.</translation>
    </message>
    <message>
        <source>Version {version} did not start correctly, so the previous version was started again. Tell support.</source>
        <translation>نسخهٔ {version} درست شروع نشد و نسخهٔ قبلی دوباره اجرا شد. به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Update refused: its files do not match what the municipality signed. This version keeps running; tell support.</source>
        <translation>به‌روزرسانی پذیرفته نشد: فایل‌هایش با آنچه شهرداری امضا کرده یکی نیست. همین نسخه کار می‌کند؛ به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Update refused: the update server&apos;s signatures have expired (a stale or frozen copy). This version keeps running; tell support.</source>
        <translation>به‌روزرسانی پذیرفته نشد: امضاهای سرور به‌روزرسانی منقضی شده است (نسخه‌ای کهنه یا متوقف). همین نسخه کار می‌کند؛ به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Update refused: the update server offered older information than this counter has already seen. This version keeps running; tell support.</source>
        <translation>به‌روزرسانی پذیرفته نشد: سرور به‌روزرسانی اطلاعاتی قدیمی‌تر از آنچه این پیشخوان پیش‌تر دیده بود فرستاد. همین نسخه کار می‌کند؛ به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Update refused: the release offered is not for this counter&apos;s channel or system. This version keeps running; tell support.</source>
        <translation>به‌روزرسانی پذیرفته نشد: نسخهٔ پیشنهادشده برای کانال یا سیستم این پیشخوان نیست. همین نسخه کار می‌کند؛ به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Update refused: the release offered ({version}) is older than the one running. This version keeps running; tell support.</source>
        <translation>به‌روزرسانی پذیرفته نشد: نسخهٔ پیشنهادشده ({version}) از نسخهٔ در حال اجرا قدیمی‌تر است. همین نسخه کار می‌کند؛ به پشتیبانی خبر دهید.</translation>
    </message>
    <message>
        <source>Update refused: the release could not be unpacked. This version keeps running; tell support.</source>
        <translation>به‌روزرسانی پذیرفته نشد: بستهٔ نسخهٔ جدید باز نشد. همین نسخه کار می‌کند؛ به پشتیبانی خبر دهید.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>Enter the national code.</source>
        <translation>کد ملی را وارد کنید.</translation>
    </message>
    <message>
        <source>The national code may contain digits only.</source>
        <translation>کد ملی فقط از رقم تشکیل می‌شود.</translation>
    </message>
    <message>
        <source>The national code has 10 digits; {count} were entered.</source>
        <translation>کد ملی ۱۰ رقم دارد؛ {count} رقم وارد شده است.</translation>
    </message>
    <message>
        <source>This national code is not valid: check it against the national card and type it again.</source>
        <translation>این کد ملی معتبر نیست؛ آن را با کارت ملی مقایسه کنید و دوباره وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the mobile number.</source>
        <translation>شمارهٔ همراه را وارد کنید.</translation>
    </message>
    <message>
        <source>The mobile number must look like 09123456789 (11 digits starting with 09).</source>
        <translation>شمارهٔ همراه باید مانند ۰۹۱۲۳۴۵۶۷۸۹ باشد (۱۱ رقم که با ۰۹ شروع می‌شود).</translation>
    </message>
    <message>
        <source>Enter the postal code.</source>
        <translation>کد پستی را وارد کنید.</translation>
    </message>
    <message>
        <source>The postal code has 10 digits and does not start with 0.</source>
        <translation>کد پستی ۱۰ رقم دارد و با ۰ شروع نمی‌شود.</translation>
    </message>
    <message>
        <source>This is not a valid bill ID (6 to 13 digits, the last a check digit). Type it again from the bill.</source>
        <translation>این شناسهٔ قبض معتبر نیست (۶ تا ۱۳ رقم که رقم آخر آن رقم کنترل است). آن را دوباره از روی قبض وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the renovation code.</source>
        <translation>کد نوسازی را وارد کنید.</translation>
    </message>
    <message>
        <source>Write the renovation code as numbers separated by dashes, district first, e.g. 8-15-30.</source>
        <translation>کد نوسازی را به‌صورت عددهایی که با خط تیره جدا شده‌اند و با شمارهٔ منطقه شروع می‌شوند بنویسید، مانند ⁦۸-۱۵-۳۰⁩.</translation>
    </message>
    <message>
        <source>The first part of the renovation code is the district, 1 to 15.</source>
        <translation>بخش نخست کد نوسازی شمارهٔ منطقه است، از ۱ تا ۱۵.</translation>
    </message>
    <message>
        <source>Enter the registry section as a whole number.</source>
        <translation>شمارهٔ بخش ثبتی را به‌صورت عدد صحیح وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the main plate number as a whole number.</source>
        <translation>پلاک اصلی را به‌صورت عدد صحیح وارد کنید.</translation>
    </message>
    <message>
        <source>Enter the sub plate number as a whole number (0 if none).</source>
        <translation>پلاک فرعی را به‌صورت عدد صحیح وارد کنید (اگر ندارد ۰).</translation>
    </message>
    <message>
        <source>Enter the date.</source>
        <translation>تاریخ را وارد کنید.</translation>
    </message>
    <message>
        <source>Write the date as year/month/day in the Jalali calendar, e.g. 1365/04/21.</source>
        <translation>تاریخ را به‌صورت سال/ماه/روز شمسی بنویسید، مانند ۱۳۶۵/۰۴/۲۱.</translation>
    </message>
    <message>
        <source>This date does not exist in the Jalali calendar.</source>
        <translation>چنین تاریخی در تقویم شمسی وجود ندارد.</translation>
    </message>
    <message>
        <source>This looks like a Gregorian date ({year}). Write the Jalali date, e.g. 1365/04/21.</source>
        <translation>این تاریخ میلادی به نظر می‌رسد ({year}). تاریخ شمسی را بنویسید، مانند ۱۳۶۵/۰۴/۲۱.</translation>
    </message>
    <message>
        <source>The birth date cannot be in the future.</source>
        <translation>تاریخ تولد نمی‌تواند در آینده باشد.</translation>
    </message>
    <message>
        <source>The birth date must be after {year}.</source>
        <translation>تاریخ تولد باید پس از سال {year} باشد.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>پر کردن این بخش الزامی است.</translation>
    </message>
    <message>
        <source>Use letters only, without digits or symbols.</source>
        <translation>فقط از حروف استفاده کنید؛ رقم و نشانه مجاز نیست.</translation>
    </message>
    <message>
        <source>At most {max} characters are allowed.</source>
        <translation>حداکثر {max} نویسه مجاز است.</translation>
    </message>
    <message>
        <source>Write the full address: street, alley and plate number.</source>
        <translation>نشانی کامل را بنویسید: خیابان، کوچه و پلاک.</translation>
    </message>
    <message>
        <source>Choose one of Isfahan&apos;s 15 districts.</source>
        <translation>یکی از مناطق پانزده‌گانهٔ اصفهان را انتخاب کنید.</translation>
    </message>
    <message>
        <source>The email address is not valid (example: name@example.com).</source>
        <translation>نشانی رایانامه معتبر نیست (مثال: name@example.com).</translation>
    </message>
    <message>
        <source>The code has {length} digits.</source>
        <translation>کد {length} رقم دارد.</translation>
    </message>
    <message>
        <source>One floor of {area} m² covers more than the occupancy limit of {max} m² ({pct}% of the {lot} m² lot).</source>
        <translation>هر طبقهٔ {area} مترمربعی از سطح اشغال مجاز {max} مترمربع ({pct}٪ زمین {lot} مترمربعی) بیشتر است.</translation>
    </message>
    <message>
        <source>The total of {total} m² is more than the {allowed} m² the zone allows (density {pct}% of {lot} m²). At {area} m² a floor, at most {fit} floors fit.</source>
        <translation>زیربنای کل {total} مترمربع از {allowed} مترمربع مجاز این پهنه (تراکم {pct}٪ زمین {lot} مترمربعی) بیشتر است. با طبقات {area} مترمربعی حداکثر {fit} طبقه مجاز است.</translation>
    </message>
    <message>
        <source>{floors} floors are more than the {max} floors allowed here.</source>
        <translation>{floors} طبقه از حداکثر {max} طبقهٔ مجاز این ملک بیشتر است.</translation>
    </message>
    <message>
        <source>Near the heritage site «{site}» at most {max} floors are allowed.</source>
        <translation>در حریم اثر تاریخی «{site}» حداکثر {max} طبقه مجاز است.</translation>
    </message>
    <message>
        <source>The street is {width} m wide, narrower than the {min} m this zone needs: at most {max} floors.</source>
        <translation>عرض معبر {width} متر و کمتر از حداقل {min} متر این پهنه است؛ حداکثر {max} طبقه مجاز است.</translation>
    </message>
    <message>
        <source>Near the heritage site «{site}» at most {max} floors are allowed. The street, {width} m wide and narrower than the {min} m this zone needs, allows no more either.</source>
        <translation>در حریم اثر تاریخی «{site}» حداکثر {max} طبقه مجاز است. عرض معبر هم {width} متر و کمتر از حداقل {min} متر این پهنه است و بیش از این اجازه نمی‌دهد.</translation>
    </message>
    <message>
        <source>At least one floor.</source>
        <translation>دست‌کم یک طبقه.</translation>
    </message>
    <message>
        <source>Enter the area of one floor in square metres, more than 0 and at most the lot&apos;s {lot} m².</source>
        <translation>مساحت هر طبقه را به مترمربع وارد کنید؛ بیش از صفر و حداکثر برابر مساحت زمین ({lot} مترمربع).</translation>
    </message>
    <message>
        <source>Between 1 and {max} units (at least 25 m² a unit).</source>
        <translation>بین ۱ تا {max} واحد (هر واحد دست‌کم ۲۵ مترمربع).</translation>
    </message>
    <message>
        <source>Parking spaces: a whole number from 0 to {max}.</source>
        <translation>تعداد پارکینگ: عدد صحیح از ۰ تا {max}.</translation>
    </message>
    <message>
        <source>Choose the building&apos;s use.</source>
        <translation>کاربری ساختمان را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>یک عدد صحیح وارد کنید.</translation>
    </message>
    <message>
        <source>Enter a number from {min} to {max}.</source>
        <translation>عددی از {min} تا {max} وارد کنید.</translation>
    </message>
    <message>
        <source>Choose one of the options.</source>
        <translation>یکی از گزینه‌ها را انتخاب کنید.</translation>
    </message>
    <message>
        <source>Add at least one owner.</source>
        <translation>دست‌کم یک مالک اضافه کنید.</translation>
    </message>
    <message>
        <source>The owners&apos; shares add up to {sum}%; together they must be exactly 100%.</source>
        <translation>جمع سهم مالکان {sum}٪ است؛ باید دقیقاً ۱۰۰٪ باشد.</translation>
    </message>
    <message>
        <source>A share is more than 0 and at most 100 percent, with at most two decimals.</source>
        <translation>سهم باید بیش از صفر و حداکثر ۱۰۰ درصد باشد، با حداکثر دو رقم اعشار.</translation>
    </message>
    <message>
        <source>National code {code} is entered more than once among the owners.</source>
        <translation>کد ملی {code} بیش از یک بار در میان مالکان آمده است.</translation>
    </message>
    <message>
        <source>The citizen who confirmed with the one-time code must be one of the owners or their attorney.</source>
        <translation>شهروندی که با کد یک‌بار مصرف رضایت داده باید یکی از مالکان یا وکیل آنان باشد.</translation>
    </message>
    <message>
        <source>The attorney cannot also be one of the owners.</source>
        <translation>وکیل نمی‌تواند خود یکی از مالکان باشد.</translation>
    </message>
    <message>
        <source>Enter the number of the power of attorney.</source>
        <translation>شمارهٔ وکالت‌نامه را وارد کنید.</translation>
    </message>
    <message>
        <source>The power of attorney&apos;s date must be a past date.</source>
        <translation>تاریخ وکالت‌نامه باید تاریخی در گذشته باشد.</translation>
    </message>
    <message>
        <source>The file is empty. Scan the document again.</source>
        <translation>فایل خالی است. مدرک را دوباره اسکن کنید.</translation>
    </message>
    <message>
        <source>The file is {size} MB; at most {max} MB is accepted. Scan at a lower resolution.</source>
        <translation>حجم فایل {size} مگابایت است؛ حداکثر {max} مگابایت پذیرفته می‌شود. با وضوح کمتری اسکن کنید.</translation>
    </message>
    <message>
        <source>This is not a PDF, JPEG or PNG file (whatever its name says). Scan or save it as one of those.</source>
        <translation>این فایل (با هر نامی) PDF، JPEG یا PNG نیست. آن را در یکی از این قالب‌ها اسکن یا ذخیره کنید.</translation>
    </message>
    <message>
        <source>This file is a program, not a document. It was not sent.</source>
        <translation>این فایل یک برنامه است، نه مدرک. ارسال نشد.</translation>
    </message>
    <message>
        <source>The PDF is password-protected. Save it without a password and try again.</source>
        <translation>پروندهٔ PDF گذرواژه دارد. آن را بدون گذرواژه ذخیره کنید و دوباره تلاش کنید.</translation>
    </message>
    <message>
        <source>The file is damaged or cut short. Scan or save it again.</source>
        <translation>فایل آسیب‌دیده یا ناقص است. دوباره اسکن یا ذخیره کنید.</translation>
    </message>
    <message>
        <source>The resume code has 8 digits, as printed on the citizen&apos;s slip.</source>
        <translation>کد ادامه ۸ رقم دارد، همان‌طور که روی برگهٔ شهروند چاپ شده است.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>یک عدد وارد کنید.</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Document authenticity</source>
        <translation>استعلام اصالت سند</translation>
    </message>
    <message>
        <source>Code read from the document</source>
        <translation>کد خوانده‌شده از سند</translation>
    </message>
    <message>
        <source>The scanner types it here and presses Enter</source>
        <translation>کدخوان آن را اینجا می‌نویسد و Enter می‌زند</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>بررسی</translation>
    </message>
    <message>
        <source>Open a PDF or a scan…</source>
        <translation>باز کردن PDF یا تصویر اسکن…</translation>
    </message>
    <message>
        <source>A document printed by the kiosk, or its scan</source>
        <translation>سندی که پیشخوان چاپ کرده، یا تصویر اسکن آن</translation>
    </message>
    <message>
        <source>Documents and scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>سندها و تصویرهای اسکن (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <source>Scan the square code printed on the document with the counter&apos;s scanner, or open the PDF or a scan of the paper. The seal is checked with the municipality&apos;s public keys the administrator installed on this computer, with no connection; when the server can be reached, it is also asked whether the document was cancelled or replaced.</source>
        <translation>کد مربعی چاپ‌شده روی سند را با اسکنر میز بخوانید، یا فایل PDF یا تصویر اسکن‌شدهٔ سند را باز کنید. مهر سند بدون نیاز به اتصال و با کلیدهای عمومی شهرداری که مدیر سامانه روی این رایانه نصب کرده بررسی می‌شود؛ اگر سرور در دسترس باشد، باطل یا جایگزین شدن سند هم از آن پرسیده می‌شود.</translation>
    </message>
    <message>
        <source>Scan or paste the document&apos;s code first.</source>
        <translation>ابتدا کد سند را بخوانید یا بچسبانید.</translation>
    </message>
</context>
<context>
    <name>_ActionDialog</name>
    <message>
        <source>Send</source>
        <translation>ارسال</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
</context>
<context>
    <name>_OutboxDialog</name>
    <message>
        <source>Saving…</source>
        <translation>در حال ذخیره…</translation>
    </message>
    <message>
        <source>The request could not be saved. Try again.</source>
        <translation>درخواست ذخیره نشد. دوباره تلاش کنید.</translation>
    </message>
</context>
</TS>
