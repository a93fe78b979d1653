//! Pages whose code downloads when first needed, an area at a time: `lazy_area!` makes the routes.
//!
//! In the release build (`--cfg wasm_split`, see `xtask/src/build.rs`) each area is a split point:
//! the code of its pages leaves the first download and arrives, in one chunk, when one of them is
//! first visited or preloaded. One chunk an area, not one a page: a page alone is a few KB, and the
//! splitter gives every set of pages that share a function a chunk of its own, so split by page the
//! login page came in 29 files. Builds that skip the splitter (trunk's dev build, wasm-pack's tests)
//! must carry no split point, so there the same routes draw their pages directly.

use leptos::prelude::{on_cleanup, window_event_listener, GetValue, SetValue, StoredValue};

/// `lazy_area!(second_factor_pages, __preload_second_factor_pages: SecondFactorScreen {
/// LoginCodeRoute => LoginCodePage, … })` defines the area's draw function `second_factor_pages`,
/// the enum `SecondFactorScreen` naming its pages, and for each page its route, for
/// `<Route view=Lazy::<LoginCodeRoute>::new() />` and `preload::<LoginCodeRoute>()`. The second
/// name is the one the split point gives its preloader: `__preload_` and the first.
macro_rules! lazy_area {
    ($area:ident, $preload:ident: $which:ident { $($route:ident => $page:ident),+ $(,)? }) => {
        #[doc = concat!("A page drawn by `", stringify!($area), "`.")]
        #[derive(Clone, Copy)]
        pub enum $which {
            $($route,)+
        }

        #[doc = concat!("Draws a page of the area `", stringify!($which), "`; in the split build the first call downloads the area's code.")]
        #[cfg_attr(wasm_split, leptos::lazy)]
        async fn $area(page: $which) -> leptos::prelude::AnyView {
            match page {
                $($which::$route => leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$page /> }),)+
            }
        }

        $(
            #[doc = concat!("The route of `", stringify!($page), "`, its code loaded with its area's when first needed.")]
            pub struct $route;

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> leptos::prelude::AnyView {
                    $area($which::$route).await
                }

                async fn preload() {
                    #[cfg(wasm_split)]
                    $preload().await;
                }
            }
        )+
    };
}

pub(crate) use lazy_area;

/// Starts downloading a lazy page's code (its area's) in the background, so going there costs no wait.
pub fn preload<R: leptos_router::LazyRoute>() {
    leptos::task::spawn_local(R::preload());
}

/// Runs `preload` once the citizen first focuses something on the page, not while the page is
/// still coming: Lighthouse's slow phone counted a preload at mount in the first paint.
pub fn preload_on_first_focus(preload: fn()) {
    let preloaded = StoredValue::new(false);
    let on_first_focus = window_event_listener(leptos::ev::focusin, move |_| {
        if !preloaded.get_value() {
            preloaded.set_value(true);
            preload();
        }
    });
    on_cleanup(move || on_first_focus.remove());
}
